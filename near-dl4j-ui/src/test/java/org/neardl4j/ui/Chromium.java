/*
 * Copyright 2026 the near-dl4j authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.neardl4j.ui;

import org.junit.jupiter.api.Assumptions;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Headless Chromium (Debian's {@code chromium}) for the browser test of the NEAR page: the DOM after the page's
 * scripts ran ({@code --dump-dom}) and a screenshot, each with a fresh profile and a virtual-time budget (Chromium
 * waits for the page's requests to the UI server before it dumps). {@link #require()} skips the calling test when
 * Chromium is not installed, except under {@code CI=true}, where it fails (as the report tests of the command-line
 * tool do).
 */
public final class Chromium {

    private final String binary;

    private Chromium(String binary) {
        this.binary = binary;
    }

    /**
     * The installed Chromium.
     *
     * @return it; the calling test is skipped (or fails under CI=true) when there is none
     */
    public static Chromium require() {
        for (String c : new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"}) {
            if (new File(c).canExecute()) {
                return new Chromium(c);
            }
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            org.junit.jupiter.api.Assertions.fail("chromium is not installed (CI=true): apt-get install chromium");
        }
        Assumptions.abort("chromium is not installed: skipping the browser check of the NEAR page");
        return null;
    }

    /**
     * The DOM of a page once its scripts ran.
     *
     * @param url  the page
     * @param work a folder for the profile
     * @return the serialised DOM
     * @throws Exception when Chromium fails
     */
    public String dom(String url, Path work) throws Exception {
        return run(List.of("--virtual-time-budget=4000", "--dump-dom", url), work, "dom");
    }

    /**
     * A screenshot of a page once its scripts ran.
     *
     * @param url    the page
     * @param png    where to write it
     * @param width  window width
     * @param height window height
     * @return the image
     * @throws Exception when Chromium fails or writes no image
     */
    public BufferedImage screenshot(String url, Path png, int width, int height) throws Exception {
        Files.deleteIfExists(png);
        run(List.of("--virtual-time-budget=4000", "--hide-scrollbars", "--screenshot=" + png.toAbsolutePath(),
                "--window-size=" + width + "," + height, url), png.toAbsolutePath().getParent(), "shot");
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img != null && img.getWidth() == width, "screenshot " + png);
        return img;
    }

    /**
     * How many pixels are within 12 of a colour in each channel.
     *
     * @param img the image
     * @param rgb the colour, 0xRRGGBB
     * @return the count
     */
    public static long pixels(BufferedImage img, int rgb) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int c = img.getRGB(x, y) & 0xffffff;
                if (Math.abs(((c >> 16) & 0xff) - ((rgb >> 16) & 0xff)) <= 12
                        && Math.abs(((c >> 8) & 0xff) - ((rgb >> 8) & 0xff)) <= 12
                        && Math.abs((c & 0xff) - (rgb & 0xff)) <= 12) {
                    n++;
                }
            }
        }
        return n;
    }

    private String run(List<String> extra, Path work, String name) throws Exception {
        Files.createDirectories(work);
        Path profile = Files.createTempDirectory(work, "chromium-profile-" + name);
        List<String> cmd = new ArrayList<>(List.of(binary, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        cmd.addAll(extra);
        Path out = Files.createTempFile(work, "chromium-" + name, ".out");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            org.junit.jupiter.api.Assertions.fail("chromium did not finish in 120 s: " + cmd);
        }
        assertEquals(0, p.exitValue(), "chromium failed: " + cmd);
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
