package dev.trainctl.training.report;

import dev.trainctl.training.data.ImageSet;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * {@code mistakes.png}: the most confidently misclassified test images on a grid, each scaled up without
 * smoothing (the pixels stay visible), framed, and labelled {@code true → predicted (p)} with its test index
 * below. This is image composition, not a chart, so it is plain Java2D.
 */
final class MistakesGrid {

    static final int COLUMNS = 5;
    static final int ROWS = 5;
    static final int SCALE = 5;
    static final int MARGIN = 20;
    static final int GAP = 16;
    static final int TITLE_HEIGHT = 44;
    static final int LABEL_HEIGHT = 48;
    static final int BORDER = 2;
    /** Not a grey, so no digit pixel and no anti-aliased text pixel has the frame's colour. */
    static final Color FRAME = new Color(0x8F, 0xA3, 0xB8);

    private static final Font TITLE = Charts.TITLE;
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.BOLD, 17);
    private static final Font INDEX = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Color MUTED = new Color(0x66, 0x66, 0x66);

    private MistakesGrid() {}

    /** Where a tile's framed image starts and how big it is, for a test set of {@code rows x columns} images. */
    record Layout(int imageRows, int imageColumns) {

        int tileWidth() {
            return imageColumns * SCALE + 2 * BORDER;
        }

        int tileHeight() {
            return imageRows * SCALE + 2 * BORDER + LABEL_HEIGHT;
        }

        /** The top-left corner of tile {@code n}'s frame. */
        int x(int n) {
            return MARGIN + (n % COLUMNS) * (tileWidth() + GAP);
        }

        int y(int n) {
            return TITLE_HEIGHT + MARGIN / 2 + (n / COLUMNS) * (tileHeight() + GAP);
        }

        int width() {
            return 2 * MARGIN + COLUMNS * tileWidth() + (COLUMNS - 1) * GAP;
        }

        int height() {
            return TITLE_HEIGHT + MARGIN / 2 + ROWS * tileHeight() + (ROWS - 1) * GAP + MARGIN;
        }
    }

    static Layout layout(ImageSet test) {
        return new Layout(test.rows(), test.columns());
    }

    static BufferedImage render(Mistakes found, ImageSet test) {
        List<Mistake> mistakes = found.mostConfident();
        if (mistakes.size() > COLUMNS * ROWS) {
            throw new IllegalArgumentException("the grid holds " + COLUMNS * ROWS + " images, got " + mistakes.size());
        }
        Layout layout = layout(test);
        BufferedImage image = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Charts.BACKGROUND);
            g.fillRect(0, 0, layout.width(), layout.height());
            g.setColor(Charts.TEXT);
            g.setFont(TITLE);
            String title = mistakes.isEmpty() ? "No misclassified test images"
                    : String.format(Locale.ROOT, "The %d most confident of %d mistakes", mistakes.size(),
                            found.total());
            centre(g, title, layout.width() / 2, TITLE_HEIGHT - 10);
            for (int n = 0; n < mistakes.size(); n++) {
                drawTile(g, mistakes.get(n), test, layout, n);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void drawTile(Graphics2D g, Mistake mistake, ImageSet test, Layout layout, int n) {
        int x = layout.x(n);
        int y = layout.y(n);
        int imageWidth = test.columns() * SCALE;
        int imageHeight = test.rows() * SCALE;
        g.setColor(FRAME);
        g.fillRect(x, y, imageWidth + 2 * BORDER, imageHeight + 2 * BORDER);
        int offset = mistake.index() * test.pixelsPerImage();
        for (int row = 0; row < test.rows(); row++) {
            for (int column = 0; column < test.columns(); column++) {
                // MNIST stores ink as high values; draw it dark on light, as on paper.
                int ink = Byte.toUnsignedInt(test.pixels()[offset + row * test.columns() + column]);
                int grey = 255 - ink;
                g.setColor(new Color(grey, grey, grey));
                g.fillRect(x + BORDER + column * SCALE, y + BORDER + row * SCALE, SCALE, SCALE);
            }
        }
        int centre = x + layout.tileWidth() / 2;
        int labelTop = y + imageHeight + 2 * BORDER;
        g.setColor(Charts.TEXT);
        g.setFont(LABEL);
        centre(g, label(mistake, g.getFont()), centre, labelTop + 22);
        g.setColor(MUTED);
        g.setFont(INDEX);
        centre(g, "test image " + mistake.index(), centre, labelTop + 41);
    }

    /**
     * {@code true → predicted (p)}, with "->" where the font has no arrow. The probability is cut, not rounded, to
     * three decimals: a mistake made with 0.9997 reads 0.999, never a certainty of 1.000.
     */
    static String label(Mistake mistake, Font font) {
        String arrow = font.canDisplay('\u2192') ? "\u2192" : "->";
        return String.format(Locale.ROOT, "%d %s %d (%.3f)", mistake.label(), arrow, mistake.predicted(),
                Math.floor(mistake.probability() * 1000) / 1000);
    }

    private static void centre(Graphics2D g, String text, int centreX, int baseline) {
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(text, centreX - metrics.stringWidth(text) / 2, baseline);
    }
}
