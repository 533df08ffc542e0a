package dev.sluice.serve.ui;

import dev.sluice.serve.ui.Html.Safe;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Charts drawn on the server as inline SVG: a line chart (figures over time, one line per series)
 * and a bar chart (a figure per day, with an optional limit line). Colours come from the stylesheet
 * by series number; each point and bar has a {@code <title>} with its exact value, so the figures
 * can be read without JavaScript (and each chart has a table beside it on its page).
 */
final class SvgChart {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 220;
    private static final int LEFT = 56;
    private static final int RIGHT = 12;
    private static final int TOP = 12;
    private static final int BOTTOM = 28;
    /** Series beyond this share the last colour. */
    private static final int COLOURS = 6;

    private SvgChart() {}

    /** One point: a time (epoch milliseconds) and a value. */
    record Point(long x, double y) {}

    record Series(String name, List<Point> points) {}

    /**
     * Lines over time.
     *
     * @param yMax the top of the value axis, or null for the largest value
     * @param format how values are written on the axis and in titles
     */
    static Safe line(String label, List<Series> series, Double yMax, DoubleFunction<String> format) {
        List<Point> all = series.stream().flatMap(s -> s.points().stream()).toList();
        if (all.isEmpty()) {
            return Html.of("<p class=\"note\">Nothing to chart yet.</p>");
        }
        long x0 = all.stream().mapToLong(Point::x).min().orElseThrow();
        long x1 = all.stream().mapToLong(Point::x).max().orElseThrow();
        double top = top(yMax, all.stream().mapToDouble(Point::y).max().orElseThrow());
        List<Safe> parts = new ArrayList<>(axes(top, format));
        parts.add(Html.of(
                "<text class=\"tick\" x=\"{}\" y=\"{}\">{}</text><text class=\"tick end\" x=\"{}\" y=\"{}\">{}</text>",
                LEFT,
                HEIGHT - 8,
                Formats.minute(x0),
                WIDTH - RIGHT,
                HEIGHT - 8,
                Formats.minute(x1)));
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            StringBuilder path = new StringBuilder();
            List<Safe> dots = new ArrayList<>();
            for (Point p : s.points()) {
                double x = x1 == x0 ? LEFT + plotWidth() / 2.0 : LEFT + plotWidth() * (p.x() - x0) / (double) (x1 - x0);
                double y = TOP + plotHeight() * (1 - p.y() / top);
                path.append(path.isEmpty() ? "M" : " L")
                        .append(coordinate(x))
                        .append(',')
                        .append(coordinate(y));
                dots.add(Html.of(
                        "<circle cx=\"{}\" cy=\"{}\" r=\"3\"><title>{} {}: {}</title></circle>",
                        coordinate(x),
                        coordinate(y),
                        s.name(),
                        Formats.time(p.x()),
                        format.apply(p.y())));
            }
            parts.add(Html.of(
                    "<g class=\"series s{}\"><path d=\"{}\"/>{}</g>",
                    Math.min(i, COLOURS - 1),
                    path.toString(),
                    Html.join(dots)));
        }
        return figure(label, parts, series.stream().map(Series::name).toList());
    }

    /**
     * Bars with labels (days), and a dashed limit line when {@code limit} is positive.
     *
     * @param format how values are written on the axis and in titles
     */
    static Safe bars(
            String label, List<String> labels, List<Double> values, double limit, DoubleFunction<String> format) {
        if (values.isEmpty()) {
            return Html.of("<p class=\"note\">Nothing to chart yet.</p>");
        }
        double top = top(
                null,
                Math.max(
                        limit,
                        values.stream().mapToDouble(Double::doubleValue).max().orElse(0)));
        List<Safe> parts = new ArrayList<>(axes(top, format));
        double slot = plotWidth() / (double) values.size();
        int labelEvery = Math.max(1, (int) Math.ceil(values.size() / 8.0));
        for (int i = 0; i < values.size(); i++) {
            double h = plotHeight() * values.get(i) / top;
            double x = LEFT + slot * i + slot * 0.15;
            parts.add(Html.of(
                    "<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{}: {}</title></rect>",
                    coordinate(x),
                    coordinate(TOP + plotHeight() - h),
                    coordinate(slot * 0.7),
                    coordinate(h),
                    labels.get(i),
                    format.apply(values.get(i))));
            if (i % labelEvery == 0) {
                parts.add(Html.of(
                        "<text class=\"tick middle\" x=\"{}\" y=\"{}\">{}</text>",
                        coordinate(LEFT + slot * (i + 0.5)),
                        HEIGHT - 8,
                        labels.get(i)));
            }
        }
        if (limit > 0) {
            double y = TOP + plotHeight() * (1 - limit / top);
            parts.add(Html.of(
                    "<line class=\"limit\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"><title>budget {}</title></line>",
                    LEFT,
                    coordinate(y),
                    WIDTH - RIGHT,
                    coordinate(y),
                    format.apply(limit)));
        }
        return figure(label, parts, limit > 0 ? List.of("spend", "daily budget") : List.of("spend"));
    }

    private static List<Safe> axes(double top, DoubleFunction<String> format) {
        List<Safe> out = new ArrayList<>();
        for (int i = 0; i <= 2; i++) {
            double value = top * i / 2;
            double y = TOP + plotHeight() * (1 - i / 2.0);
            out.add(Html.of(
                    "<line class=\"grid\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/><text class=\"tick end\" x=\"{}\" y=\"{}\">{}</text>",
                    LEFT,
                    coordinate(y),
                    WIDTH - RIGHT,
                    coordinate(y),
                    LEFT - 6,
                    coordinate(y + 4),
                    format.apply(value)));
        }
        return out;
    }

    private static Safe figure(String label, List<Safe> parts, List<String> legend) {
        List<Safe> keys = new ArrayList<>();
        for (int i = 0; i < legend.size(); i++) {
            keys.add(Html.of("<li class=\"s{}\">{}</li>", Math.min(i, COLOURS - 1), legend.get(i)));
        }
        return Html.of("""
                <figure class="chart"><svg viewBox="0 0 {} {}" role="img" aria-label="{}" \
                xmlns="http://www.w3.org/2000/svg">{}</svg><figcaption>{}<ul class="legend">{}</ul></figcaption></figure>
                """, WIDTH, HEIGHT, label, Html.join(parts), label, Html.join(keys));
    }

    /** The axis top: the given maximum, or the largest value with room above it (1 when all are 0). */
    private static double top(Double yMax, double largest) {
        if (yMax != null && yMax > 0) {
            return Math.max(yMax, largest);
        }
        return largest > 0 ? largest * 1.1 : 1;
    }

    private static int plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    private static int plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    private static String coordinate(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
