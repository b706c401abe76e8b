package io.attnsum.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes {@code report.html}: one self-contained page (inline CSS, JS and SVG; no network) with
 * the ROUGE table, box plots of per-document ROUGE-1 F1 per system, and a sample of documents
 * whose sentences are shaded by the job's score, the job's selection marked, the reference
 * beside. All text is HTML-escaped. Script errors are collected into {@code #js-errors} so a
 * headless-browser test can assert there are none.
 */
public final class ReportHtmlWriter {
  private static final int PLOT_WIDTH = 640;
  private static final int ROW_HEIGHT = 34;
  private static final int LABEL_WIDTH = 110;

  public String render(EvalResult result, ReportJsonWriter.Provenance provenance, int sampleDocs) {
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<title>attnsum evaluation</title>\n<script>\n")
        .append("window.__errors = [];\n")
        .append("function __record(m){window.__errors.push(String(m));")
        .append("var e=document.getElementById('js-errors');if(e){e.textContent=")
        .append("window.__errors.join('\\n');}}\n")
        .append("window.onerror=function(msg,src,line){__record(msg+' @'+line);};\n")
        .append("(function(){var ce=console.error;console.error=function(){")
        .append("__record(Array.prototype.join.call(arguments,' '));")
        .append("if(ce){ce.apply(console,arguments);}};})();\n")
        .append("</script>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}\n")
        .append("table{border-collapse:collapse;margin:12px 0}td,th{border:1px solid #ccc;")
        .append("padding:4px 8px;text-align:right}th{background:#f3f3f3;cursor:pointer}")
        .append("td:first-child{text-align:left;font-weight:600}\n")
        .append("tr.system-row.ours{background:#fff6d6}\n.ci{color:#777;font-size:85%}\n")
        .append(".doc{border:1px solid #ddd;margin:16px 0;padding:8px}")
        .append(".cols{display:grid;grid-template-columns:2fr 1fr;gap:16px}\n")
        .append(".sent{padding:2px 4px;margin:2px 0;border-left:4px solid transparent}")
        .append(".sent.sel{border-left-color:#c0392b;font-weight:600}\n")
        .append(".ref{background:#eef6ee;padding:6px;white-space:pre-wrap}")
        .append(".meta{color:#555;font-size:90%}#js-errors{color:#b00}\n")
        .append("</style></head><body>\n");
    h.append("<h1>attnsum evaluation</h1>\n<p class=\"meta\">gold: ")
        .append(esc(provenance.goldFile())).append("<br>run: ")
        .append(esc(provenance.runDirectory())).append(" (").append(esc(provenance.format()))
        .append(")<br>documents: ").append(result.documents().size())
        .append(", missing predictions (scored as empty): ").append(result.missingPredictions())
        .append("<br>").append(Evaluation.SYSTEM).append(": ")
        .append(esc(EvalResult.SYSTEM_SUMMARIES))
        .append("<br>baselines: ").append(esc(result.kPolicy().describe()))
        .append("<br>budget check: ").append(esc(result.describeBudgetCheck()))
        .append("<br>references: ").append(esc(provenance.references()))
        .append("<br>tokens: ").append(esc(result.tokenization()))
        .append("<br>95% percentile bootstrap, ").append(result.resamples())
        .append(" resamples, seed ").append(result.seed()).append("</p>\n");
    h.append("<pre id=\"js-errors\"></pre>\n");
    table(h, result);
    boxPlots(h, result);
    samples(h, result, sampleDocs);
    h.append("<script>\n")
        // Click a header to sort the table by that column (descending).
        .append("(function(){var t=document.getElementById('rouge-table');")
        .append("var hs=t.tHead.rows[0].cells;for(var c=1;c<hs.length;c++){(function(col){")
        .append("hs[col].addEventListener('click',function(){var b=t.tBodies[0];")
        .append("var rows=Array.prototype.slice.call(b.rows);rows.sort(function(x,y){")
        .append("return parseFloat(y.cells[col].dataset.v)-parseFloat(x.cells[col].dataset.v);});")
        .append("rows.forEach(function(r){b.appendChild(r);});});})(c);}")
        .append("document.body.setAttribute('data-rows',String(t.tBodies[0].rows.length));})();\n")
        .append("</script>\n</body></html>\n");
    return h.toString();
  }

  public void write(Path file, EvalResult result, ReportJsonWriter.Provenance provenance,
      int sampleDocs) throws IOException {
    Files.writeString(file, render(result, provenance, sampleDocs), StandardCharsets.UTF_8);
  }

  private static void table(StringBuilder h, EvalResult result) {
    h.append("<h2>ROUGE (F1 x100, 95% interval; P / R below)</h2>\n")
        .append("<table id=\"rouge-table\"><thead><tr><th>system</th>");
    for (RougeMetric m : RougeMetric.values()) {
      h.append("<th>").append(m.key()).append("</th>");
    }
    h.append("</tr></thead><tbody>\n");
    for (SystemResult s : result.systems()) {
      h.append("<tr class=\"system-row")
          .append(s.name().equals(Evaluation.SYSTEM) ? " ours" : "")
          .append("\" data-system=\"").append(esc(s.name())).append("\"><td>")
          .append(esc(s.name())).append("</td>");
      for (RougeMetric m : RougeMetric.values()) {
        SystemResult.Prf prf = s.metrics().get(m);
        h.append("<td data-v=\"").append(pct(prf.f1().mean())).append("\">")
            .append(pct(prf.f1().mean()))
            .append(" <span class=\"ci\">[").append(pct(prf.f1().low())).append(", ")
            .append(pct(prf.f1().high())).append("]<br>P ")
            .append(pct(prf.precision().mean())).append(" / R ")
            .append(pct(prf.recall().mean())).append("</span></td>");
      }
      h.append("</tr>\n");
    }
    h.append("</tbody></table>\n");
  }

  private static void boxPlots(StringBuilder h, EvalResult result) {
    List<SystemResult> systems = result.systems();
    int height = ROW_HEIGHT * systems.size() + 30;
    int width = LABEL_WIDTH + PLOT_WIDTH + 20;
    h.append("<h2>Per-document ROUGE-1 F1</h2>\n<svg id=\"boxplots\" xmlns=")
        .append("\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
        .append(height).append("\" role=\"img\" aria-label=\"box plots of ROUGE-1 F1\">\n");
    for (int tick = 0; tick <= 100; tick += 20) {
      double x = LABEL_WIDTH + PLOT_WIDTH * tick / 100.0;
      h.append("<line x1=\"").append(num(x)).append("\" x2=\"").append(num(x))
          .append("\" y1=\"0\" y2=\"").append(height - 20)
          .append("\" stroke=\"#eee\"/><text x=\"").append(num(x)).append("\" y=\"")
          .append(height - 6).append("\" font-size=\"11\" text-anchor=\"middle\">").append(tick)
          .append("</text>\n");
    }
    for (int i = 0; i < systems.size(); i++) {
      SystemResult s = systems.get(i);
      double[] v = s.rouge1F1PerDocument().clone();
      Arrays.sort(v);
      double y = i * ROW_HEIGHT + 8;
      double mid = y + 9;
      h.append("<g class=\"box\" data-system=\"").append(esc(s.name())).append("\">")
          .append("<text x=\"4\" y=\"").append(num(mid + 4)).append("\" font-size=\"12\">")
          .append(esc(s.name())).append("</text>");
      if (v.length > 0) {
        double min = x(v[0]);
        double q1 = x(BootstrapInterval.percentile(v, 25));
        double med = x(BootstrapInterval.percentile(v, 50));
        double q3 = x(BootstrapInterval.percentile(v, 75));
        double max = x(v[v.length - 1]);
        String color = s.name().equals(Evaluation.SYSTEM) ? "#f5c542" : "#9ec5e8";
        h.append("<line x1=\"").append(num(min)).append("\" x2=\"").append(num(max))
            .append("\" y1=\"").append(num(mid)).append("\" y2=\"").append(num(mid))
            .append("\" stroke=\"#555\"/>")
            .append("<rect x=\"").append(num(q1)).append("\" y=\"").append(num(y))
            .append("\" width=\"").append(num(Math.max(q3 - q1, 1))).append("\" height=\"18\"")
            .append(" fill=\"").append(color).append("\" stroke=\"#555\"/>")
            .append("<line x1=\"").append(num(med)).append("\" x2=\"").append(num(med))
            .append("\" y1=\"").append(num(y)).append("\" y2=\"").append(num(y + 18))
            .append("\" stroke=\"#000\" stroke-width=\"2\"/>")
            .append("<title>").append(esc(s.name())).append(": median ")
            .append(pct(BootstrapInterval.percentile(v, 50))).append(", IQR ")
            .append(pct(BootstrapInterval.percentile(v, 25))).append("-")
            .append(pct(BootstrapInterval.percentile(v, 75))).append("</title>");
      }
      h.append("</g>\n");
    }
    h.append("</svg>\n");
  }

  private static double x(double f1) {
    return LABEL_WIDTH + PLOT_WIDTH * f1;
  }

  private static void samples(StringBuilder h, EvalResult result, int sampleDocs) {
    List<DocumentOutcome> predicted = new ArrayList<>();
    for (DocumentOutcome d : result.documents()) {
      if (d.prediction() != null) {
        predicted.add(d);
      }
    }
    // Seeded partial shuffle: the same documents for the same seed.
    SplittableRandom rng = new SplittableRandom(result.seed());
    int take = Math.min(sampleDocs, predicted.size());
    for (int i = 0; i < take; i++) {
      int j = i + rng.nextInt(predicted.size() - i);
      DocumentOutcome t = predicted.get(i);
      predicted.set(i, predicted.get(j));
      predicted.set(j, t);
    }
    h.append("<h2>Sample documents (").append(take).append(")</h2>\n")
        .append("<p class=\"meta\">Sentence shading: the job's score (darker = higher, scaled")
        .append(" per document); a red bar and bold: selected by ")
        .append(Evaluation.SYSTEM).append(".</p>\n");
    for (DocumentOutcome d : predicted.subList(0, take)) {
      RougeScores s = d.scores().get(Evaluation.SYSTEM);
      h.append("<div class=\"doc\" data-doc=\"").append(esc(d.id())).append("\"><h3>")
          .append(esc(d.id())).append("</h3><p class=\"meta\">")
          .append(d.selections().get(Evaluation.SYSTEM).length).append(" sentences written")
          .append(d.budgetMismatch() ? " (not min(k, sentences): budget check)" : "")
          .append("; baselines k = ").append(d.k()).append("; ").append(Evaluation.SYSTEM).append(" R-1/R-2/R-L F1: ")
          .append(pct(s.rouge1().f1())).append(" / ").append(pct(s.rouge2().f1())).append(" / ")
          .append(pct(s.rougeL().f1())).append("</p><div class=\"cols\"><div>");
      List<PredictedSentence> sents = d.prediction().sentences();
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (PredictedSentence ps : sents) {
        lo = Math.min(lo, ps.score());
        hi = Math.max(hi, ps.score());
      }
      boolean[] selected = new boolean[sents.size()];
      for (int idx : d.selections().get(Evaluation.SYSTEM)) {
        selected[idx] = true;
      }
      for (int i = 0; i < sents.size(); i++) {
        PredictedSentence ps = sents.get(i);
        double shade = hi > lo ? (ps.score() - lo) / (hi - lo) : 0;
        h.append("<div class=\"sent").append(selected[i] ? " sel" : "")
            .append("\" style=\"background:rgba(52,120,220,")
            .append(String.format(Locale.ROOT, "%.3f", 0.45 * shade)).append(")\" title=\"#")
            .append(ps.index()).append(" score ")
            .append(String.format(Locale.ROOT, "%.4f", ps.score())).append(" rank ")
            .append(ps.rank() == Integer.MAX_VALUE ? "-" : String.valueOf(ps.rank()))
            .append("\">").append(esc(ps.text())).append("</div>");
      }
      h.append("</div><div>");
      for (String ref : d.document().references()) {
        h.append("<div class=\"ref\">").append(esc(ref)).append("</div>");
      }
      h.append("</div></div></div>\n");
    }
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.2f", 100 * v);
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
