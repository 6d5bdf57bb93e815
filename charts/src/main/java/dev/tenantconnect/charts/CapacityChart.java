package dev.tenantconnect.charts;

import dev.tenantconnect.core.inventory.CapacityHistory;
import dev.tenantconnect.core.io.AtomicFile;
import java.awt.Color;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/**
 * The capacity chart (number capacity planning): available numbers per pool, day by day, as a PNG drawn by
 * JFreeChart (headless). Written atomically.
 */
public final class CapacityChart {
    private CapacityChart() {
    }

    /**
     * @param history the daily snapshots
     * @param file where the PNG goes
     * @param width pixels
     * @param height pixels
     */
    public static void png(CapacityHistory history, Path file, int width, int height) {
        System.setProperty("java.awt.headless", "true");
        Map<String, TimeSeries> series = new TreeMap<>();
        for (CapacityHistory.Snapshot s : history.snapshots()) {
            Day day = new Day(java.util.Date.from(s.day().atStartOfDay(ZoneOffset.UTC).toInstant()),
                    java.util.TimeZone.getTimeZone("UTC"), java.util.Locale.ROOT);
            s.availableByPool().forEach((pool, available) -> series.computeIfAbsent(pool, TimeSeries::new)
                    .addOrUpdate(day, available));
        }
        TimeSeriesCollection data = new TimeSeriesCollection(java.util.TimeZone.getTimeZone("UTC"));
        series.values().forEach(data::addSeries);
        JFreeChart chart = ChartFactory.createTimeSeriesChart("Available numbers per pool", "Day", "Available",
                data, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        NumberAxis available = (NumberAxis) plot.getRangeAxis();
        available.setAutoRangeIncludesZero(true); // exhaustion is the point of the chart: show the floor
        available.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        DateAxis days = (DateAxis) plot.getDomainAxis();
        java.text.SimpleDateFormat format = new java.text.SimpleDateFormat("yyyy-MM-dd", java.util.Locale.ROOT);
        format.setTimeZone(java.util.TimeZone.getTimeZone("UTC"));
        days.setDateFormatOverride(format);
        if (plot.getRenderer() instanceof XYLineAndShapeRenderer r) {
            r.setDefaultShapesVisible(true); // a single day still shows as a point
        }
        AtomicFile.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
    }
}
