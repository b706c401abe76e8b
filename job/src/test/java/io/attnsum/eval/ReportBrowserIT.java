package io.attnsum.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders report.html in headless Chromium: the page's scripts run without errors (they are
 * collected into #js-errors), the ROUGE table has one row per system, and a screenshot is a real
 * image. Chromium must be installed (scripts/install-chromium.sh); without it this test fails.
 */
class ReportBrowserIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  @TempDir static Path dir;
  static Path report;

  @BeforeAll
  static void writeReport() throws IOException {
    if (!Files.isExecutable(CHROMIUM)) {
      fail("ReportBrowserIT needs headless Chromium at " + CHROMIUM
          + "; run scripts/install-chromium.sh");
    }
    Path gold = dir.resolve("gold.jsonl");
    Files.write(gold, Files.readAllLines(EvalFixtures.path(EvalFixtures.CNNDM)).subList(0, 12));
    DatasetSplitRun.write(gold, dir.resolve("out"), -1);
    Path out = dir.resolve("report");
    int rc = EvalCommand.run(new String[] {"--gold", gold.toString(), "--pred",
        dir.resolve("out").toString(), "--out", out.toString(), "--k", "3", "--sample-docs", "5",
        "--resamples", "100"});
    assertThat(rc).isZero();
    report = out.resolve("report.html");
  }

  private static String chromium(List<String> extra, Path page) throws Exception {
    Path profile = Files.createTempDirectory(dir, "chromium-profile");
    List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
    cmd.addAll(extra);
    cmd.add(page.toUri().toString());
    Path stdout = dir.resolve("chromium-" + System.nanoTime() + ".out");
    Process p = new ProcessBuilder(cmd)
        .redirectOutput(stdout.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish within 120 s: " + cmd);
    }
    assertThat(p.exitValue()).as("chromium exit code").isZero();
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  private static String jsErrors(String dom) {
    Matcher m = Pattern.compile("<pre id=\"js-errors\">(.*?)</pre>", Pattern.DOTALL).matcher(dom);
    assertThat(m.find()).as("#js-errors element in the rendered DOM").isTrue();
    return m.group(1);
  }

  @Test
  void rendersWithoutScriptErrorsAndShowsOneRowPerSystem() throws Exception {
    String dom = chromium(List.of("--dump-dom"), report);
    assertThat(jsErrors(dom)).isEmpty();
    // data-rows is set by the page's own script: proof that it ran to the end.
    assertThat(dom).contains("data-rows=\"6\"");
    for (String system : List.of("LEAD", "RANDOM", "TEXTRANK", "CENTROID", "ATTNSUM", "ORACLE")) {
      assertThat(dom).contains("<tr class=\"system-row" + (system.equals("ATTNSUM") ? " ours" : "")
          + "\" data-system=\"" + system + "\">");
    }
    assertThat(dom.split("<g class=\"box\"", -1)).hasSize(7);
    assertThat(dom.split("<div class=\"doc\"", -1)).hasSize(6);
  }

  @Test
  void errorCaptureWorks() throws Exception {
    // The same page with a deliberate script error must show it in #js-errors.
    Path broken = dir.resolve("broken.html");
    Files.writeString(broken, Files.readString(report)
        .replace("</body>", "<script>noSuchFunction();</script></body>"));
    assertThat(jsErrors(chromium(List.of("--dump-dom"), broken))).contains("noSuchFunction");
  }

  @Test
  void screenshotIsANonTrivialPng() throws Exception {
    Path shot = Path.of("target", "report-screenshot.png").toAbsolutePath();
    Files.deleteIfExists(shot);
    chromium(List.of("--screenshot=" + shot, "--window-size=1280,2000",
        "--hide-scrollbars"), report);
    assertThat(shot).exists();
    byte[] png = Files.readAllBytes(shot);
    assertThat(png.length).isGreaterThan(20_000);
    assertThat(new byte[] {png[1], png[2], png[3]}).isEqualTo("PNG".getBytes(StandardCharsets.US_ASCII));
  }
}
