import java.awt.Color;
import java.awt.Font;
import java.awt.Frame;
import java.awt.GradientPaint;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.Random;

/**
 * What a VNC console shows, drawn on the benchmark's VNC server (run with DISPLAY set to it):
 * a desktop (a wallpaper gradient and a picture, a terminal window, a text window), then on
 * command from standard input the two typical changes: "scroll" (a terminal printing a line every
 * 40 ms, scrolled as terminals do, by copying its text up) and "move" (a window dragged across the
 * desktop). Prints "done" after each. The same pixels every run: a fixed seed, no clock.
 */
public class ConsoleScene {
    static final int W = 1024, H = 768;
    static final Font MONO = new Font(Font.MONOSPACED, Font.PLAIN, 13);

    public static void main(String[] args) throws Exception {
        Frame desktop = new Frame() {
            @Override
            public void paint(Graphics g) {
                Graphics2D g2 = (Graphics2D) g;
                g2.setPaint(new GradientPaint(0, 0, new Color(0x20, 0x40, 0x70), W, H, new Color(0x70, 0x30, 0x50)));
                g2.fillRect(0, 0, W, H);
                g2.drawImage(picture(360, 240), 620, 460, null);
                text(g, 620, 40, 360, 380, "notes.txt", 24);
            }
        };
        desktop.setUndecorated(true);
        desktop.setBounds(0, 0, W, H);
        desktop.setVisible(true);
        Terminal terminal = new Terminal();
        terminal.setBounds(30, 40, 560, 390);
        terminal.setVisible(true);
        Window moving = new Window(desktop) {
            @Override
            public void paint(Graphics g) {
                g.drawImage(picture(300, 200), 0, 0, null);
                text(g, 0, 200, 300, 120, "photo.jpg", 6);
            }
        };
        moving.setBounds(40, 470, 300, 320);
        moving.setVisible(true);
        Toolkit.getDefaultToolkit().sync();
        System.out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        for (String command; (command = in.readLine()) != null;) {
            if (command.equals("scroll")) {
                for (int i = 0; i < 60; i++) {
                    terminal.print("[" + (1000 + i) + "] kernel: eth0: link up, 1000 Mbps, full duplex; rx 0x"
                            + Integer.toHexString(i * 7919));
                    Thread.sleep(40); // the pace of the scene, not a wait for anything
                }
            } else if (command.equals("move")) {
                for (int i = 1; i <= 25; i++) {
                    moving.setLocation(40 + i * 24, 470 - i * 12);
                    Toolkit.getDefaultToolkit().sync();
                    Thread.sleep(40);
                }
                moving.setLocation(40, 470);
            }
            Toolkit.getDefaultToolkit().sync();
            System.out.println("done");
        }
        System.exit(0);
    }

    /** A photograph's worth of detail: smooth colour fields with fine noise, which only JPEG shrinks well. */
    static BufferedImage picture(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random noise = new Random(42);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = (int) (128 + 100 * Math.sin(x / 37.0) * Math.cos(y / 23.0)) + noise.nextInt(16);
                int g = (int) (128 + 100 * Math.sin((x + y) / 51.0)) + noise.nextInt(16);
                int b = (int) (128 + 100 * Math.cos(x / 19.0 - y / 61.0)) + noise.nextInt(16);
                image.setRGB(x, y, Math.min(255, r) << 16 | Math.min(255, g) << 8 | Math.min(255, b));
            }
        }
        return image;
    }

    /** A text window: a title bar and lines of text. */
    static void text(Graphics g, int x, int y, int w, int h, String title, int lines) {
        g.setColor(new Color(0xdd, 0xdd, 0xdd));
        g.fillRect(x, y, w, 22);
        g.setColor(Color.WHITE);
        g.fillRect(x, y + 22, w, h - 22);
        g.setColor(Color.BLACK);
        g.setFont(MONO);
        g.drawString(title, x + 8, y + 16);
        for (int i = 0; i < lines; i++) {
            g.drawString("Line " + i + ": the quick brown fox jumps over the lazy dog", x + 6, y + 40 + i * 14);
        }
    }

    /** A terminal: prints at the bottom, scrolling its text up by copying it, as xterm does. */
    static final class Terminal extends Window {
        private static final int LINE = 15;
        private int printed;

        Terminal() {
            super(null);
            setBackground(Color.BLACK);
        }

        @Override
        public void paint(Graphics g) {
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, getWidth(), getHeight());
        }

        void print(String line) {
            Graphics g = getGraphics();
            int rows = getHeight() / LINE;
            if (printed >= rows) {
                g.copyArea(0, LINE, getWidth(), (rows - 1) * LINE, 0, -LINE);
            }
            int row = Math.min(printed, rows - 1);
            g.setColor(Color.BLACK);
            g.fillRect(0, row * LINE, getWidth(), LINE);
            g.setColor(new Color(0x9f, 0xef, 0x9f));
            g.setFont(MONO);
            g.drawString(line, 4, row * LINE + LINE - 3);
            g.dispose();
            Toolkit.getDefaultToolkit().sync();
            printed++;
        }
    }
}
