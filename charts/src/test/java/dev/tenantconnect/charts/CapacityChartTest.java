package dev.tenantconnect.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantconnect.core.inventory.CapacityHistory;
import dev.tenantconnect.core.inventory.CapacityReport;
import dev.tenantconnect.core.number.NumberState;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The capacity chart is a real PNG of the requested size with a line per pool. */
class CapacityChartTest {
    @TempDir
    Path dir;

    @Test
    void writes_a_png_of_the_daily_snapshots() throws Exception {
        CapacityHistory h = new CapacityHistory();
        for (int i = 0; i < 14; i++) {
            long sg = 200 - 7L * i;
            h.record(LocalDate.of(2026, 11, 1).plusDays(i), CapacityReport.builder(300).byState(Map.of(
                    NumberState.AVAILABLE, sg + 80)).availableByCountryAndPrefix(Map.of("SG/656789", sg, "GB/4420",
                    80L)).allocationsPerDay(7).build());
        }
        Path png = dir.resolve("capacity.png");

        CapacityChart.png(h, png, 800, 400);

        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(800);
        assertThat(img.getHeight()).isEqualTo(400);
        long distinctColours = java.util.stream.IntStream.range(0, 800).map(x -> img.getRGB(x, 200)).distinct()
                .count();
        assertThat(distinctColours).as("axes, lines and background were drawn").isGreaterThan(2);
    }
}
