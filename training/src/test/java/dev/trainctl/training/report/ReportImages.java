package dev.trainctl.training.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Reads the report's PNGs back and finds things in them by colour, as a reader's eye would. */
final class ReportImages {

    private ReportImages() {}

    static BufferedImage read(Path png) throws IOException {
        return decode(Files.readAllBytes(png));
    }

    static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("a decodable PNG").isNotNull();
        return image;
    }

    /**
     * The colour of each heat map cell, {@code [row from the top][column from the left]}. The cells are where the
     * tinted (blue) pixels are: for a trained model the two corner cells of the diagonal are tinted, so their
     * bounding box is the grid. Each cell is sampled near its top-left corner, away from the count in its middle.
     */
    static Color[][] heatmapCells(BufferedImage image, int classes) {
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y));
                if (c.getBlue() - c.getRed() > 15) {
                    minX = Math.min(minX, x);
                    minY = Math.min(minY, y);
                    maxX = Math.max(maxX, x);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        assertThat(maxX).as("tinted cells in the heat map").isPositive();
        double cellWidth = (maxX - minX + 1) / (double) classes;
        double cellHeight = (maxY - minY + 1) / (double) classes;
        Color[][] cells = new Color[classes][classes];
        for (int row = 0; row < classes; row++) {
            for (int column = 0; column < classes; column++) {
                cells[row][column] = new Color(image.getRGB((int) (minX + (column + 0.15) * cellWidth),
                        (int) (minY + (row + 0.15) * cellHeight)));
            }
        }
        return cells;
    }

    static int darkestColumn(Color[] row) {
        int darkest = 0;
        for (int i = 1; i < row.length; i++) {
            if (brightness(row[i]) < brightness(row[darkest])) {
                darkest = i;
            }
        }
        return darkest;
    }

    static int brightness(Color c) {
        return c.getRed() + c.getGreen() + c.getBlue();
    }

    /** Pixels within a small distance of {@code colour} in columns {@code [fromX, toX)}. */
    static int pixelsNear(BufferedImage image, Color colour, int fromX, int toX) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = fromX; x < toX; x++) {
                Color c = new Color(image.getRGB(x, y));
                if (Math.abs(c.getRed() - colour.getRed()) + Math.abs(c.getGreen() - colour.getGreen())
                        + Math.abs(c.getBlue() - colour.getBlue()) < 30) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Top-left corners of rectangles drawn in {@code colour}: pixels of it with neither left nor top neighbour. */
    static int rectangles(BufferedImage image, Color colour) {
        int rgb = colour.getRGB();
        int corners = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                boolean here = image.getRGB(x, y) == rgb;
                boolean left = x > 0 && image.getRGB(x - 1, y) == rgb;
                boolean above = y > 0 && image.getRGB(x, y - 1) == rgb;
                if (here && !left && !above) {
                    corners++;
                }
            }
        }
        return corners;
    }
}
