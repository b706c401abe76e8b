package io.attnsum.encode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** Writes vectors in word2vec text format (header {@code "N D"}, one {@code word v1 .. vD} line each). */
public final class VectorFileWriter {
  private VectorFileWriter() {}

  /**
   * Writes {@code pack} in its row order; values use {@link Float#toString}, the shortest decimal
   * that parses back to the same float, so reading the file gives the exact vectors back. The
   * stream is flushed, not closed.
   */
  public static void writeText(VectorPack pack, OutputStream out) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    int dim = pack.dim();
    float[] data = pack.data();
    w.write(pack.size() + " " + dim + "\n");
    StringBuilder line = new StringBuilder(dim * 12);
    for (int r = 0; r < pack.size(); r++) {
      line.setLength(0);
      line.append(pack.word(r));
      for (int k = 0; k < dim; k++) {
        line.append(' ').append(data[r * dim + k]);
      }
      line.append('\n');
      w.append(line);
    }
    w.flush();
  }
}
