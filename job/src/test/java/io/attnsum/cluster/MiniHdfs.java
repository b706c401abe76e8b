package io.attnsum.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A real HDFS (one NameNode, one DataNode) inside the test JVM, on 127.0.0.1 and free ports, as
 * Hudi's and Spark's own suites start one: the job's driver and executors, in other JVMs, reach
 * it through {@code hdfs://127.0.0.1:<port>/} like any cluster file system.
 */
final class MiniHdfs implements AutoCloseable {
  private final MiniDFSCluster cluster;
  private final FileSystem fs;
  private final String uri;

  private MiniHdfs(MiniDFSCluster cluster) throws IOException {
    this.cluster = cluster;
    this.fs = cluster.getFileSystem();
    this.uri = "hdfs://127.0.0.1:" + cluster.getNameNodePort();
  }

  static MiniHdfs start(Path baseDir) throws IOException {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.toString());
    // Everything on the loopback interface and on ports the OS picks, so parallel runs on one
    // machine do not collide.
    conf.set("dfs.namenode.rpc-address", "127.0.0.1:0");
    conf.set("dfs.namenode.http-address", "127.0.0.1:0");
    conf.set("dfs.datanode.address", "127.0.0.1:0");
    conf.set("dfs.datanode.http.address", "127.0.0.1:0");
    conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
    conf.set("dfs.client.use.datanode.hostname", "false");
    conf.setBoolean("dfs.permissions.enabled", false);
    // One DataNode: blocks cannot be replicated further.
    conf.setInt("dfs.replication", 1);
    MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf, baseDir.toFile())
        .numDataNodes(1)
        .checkDataNodeAddrConfig(true)
        .build();
    cluster.waitActive();
    return new MiniHdfs(cluster);
  }

  /** {@code hdfs://127.0.0.1:<port>} */
  String uri() {
    return uri;
  }

  /** The hdfs:// URI of an absolute path. */
  String uri(String path) {
    return uri + path;
  }

  FileSystem fileSystem() {
    return fs;
  }

  void put(Path local, String path) throws IOException {
    fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path("file://" + local.toAbsolutePath()),
        new org.apache.hadoop.fs.Path(path));
  }

  void write(String path, String content) throws IOException {
    try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path(path), true)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
  }

  boolean exists(String path) throws IOException {
    return fs.exists(new org.apache.hadoop.fs.Path(path));
  }

  String read(String path) throws IOException {
    try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(path))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * The rows of a table directory (its part files, any format that is one row per line), sorted:
   * two runs that partition alike but schedule differently must give the same rows.
   */
  List<String> rows(String table) throws IOException {
    List<String> rows = new ArrayList<>();
    for (FileStatus f : fs.listStatus(new org.apache.hadoop.fs.Path(table))) {
      String name = f.getPath().getName();
      if (f.isFile() && name.startsWith("part-")) {
        read(f.getPath().toUri().getPath()).lines().forEach(rows::add);
      }
    }
    Collections.sort(rows);
    return rows;
  }

  /** Copies a directory tree out of HDFS, e.g. for a failing test's logs. */
  void get(String path, Path local) throws IOException {
    Files.createDirectories(local.getParent());
    fs.copyToLocalFile(new org.apache.hadoop.fs.Path(path), new org.apache.hadoop.fs.Path("file://" + local.toAbsolutePath()));
  }

  @Override
  public void close() {
    cluster.shutdown(true);
  }
}
