package dev.trainctl.training.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.knowm.xchart.style.Styler;

/**
 * The report's one look: fonts large enough to read when the page scales a plot down, a white background, a
 * colour-blind-safe palette (Okabe and Ito's blue and vermillion), and PNG encoding.
 */
final class Charts {

    static final Color BACKGROUND = Color.WHITE;
    static final Color TEXT = new Color(0x22, 0x22, 0x22);
    static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    static final Color BLUE = new Color(0x00, 0x72, 0xB2);
    static final Color VERMILLION = new Color(0xD5, 0x5E, 0x00);
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 20);
    static final Font AXIS_TITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 17);
    static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 15);

    private Charts() {}

    /**
     * Plots are drawn off-screen, and a server or a container has no display: AWT must not look for one. Called
     * before the first chart is built, since AWT reads the property once; an explicit setting is kept.
     */
    static void headless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** The shared fonts and colours on any xchart styler. */
    static void style(Styler styler) {
        styler.setChartBackgroundColor(BACKGROUND);
        styler.setPlotBackgroundColor(BACKGROUND);
        styler.setChartFontColor(TEXT);
        styler.setChartTitleFont(TITLE);
        styler.setChartTitleBoxVisible(false);
        styler.setLegendFont(LEGEND);
        styler.setLegendBorderColor(GRID);
        styler.setChartPadding(16);
        styler.setAntiAlias(true);
    }

    /** The images next to each other, top-aligned, on the background colour. */
    static BufferedImage sideBySide(BufferedImage... images) {
        int width = 0;
        int height = 0;
        for (BufferedImage image : images) {
            width += image.getWidth();
            height = Math.max(height, image.getHeight());
        }
        BufferedImage joined = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = joined.createGraphics();
        try {
            graphics.setColor(BACKGROUND);
            graphics.fillRect(0, 0, width, height);
            int x = 0;
            for (BufferedImage image : images) {
                graphics.drawImage(image, x, 0, null);
                x += image.getWidth();
            }
        } finally {
            graphics.dispose();
        }
        return joined;
    }

    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("this Java runtime has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
