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
package org.neardl4j.cli.builtin;

import org.neardl4j.cli.Cli;
import org.neardl4j.cli.CliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import java.util.concurrent.Callable;
import com.google.common.base.Preconditions;
import org.neardl4j.data.IdxFiles;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the Fashion-MNIST bundle of {@link BundledFashionMnist}: the first {@code count} images and labels of the
 * t10k split of a Fashion-MNIST directory, as gzipped IDX files (same format as the originals; the gzip header
 * carries no time stamp, so the output is reproducible).
 *
 * <pre>{@code
 * // from the repository root, after mvn package:
 * // java -cp near-dl4j-cli/target/near-cli.jar org.neardl4j.cli.builtin.BundleFashionMnist \
 * //      /usr/share/datasets/fashion-mnist 512 near-dl4j-cli/src/main/resources/fashion-mnist
 * }</pre>
 *
 * <p>Arguments: source directory (holding {@code t10k-images-idx3-ubyte[.gz]} and
 * {@code t10k-labels-idx1-ubyte[.gz]}, e.g. from the Debian package {@code dataset-fashion-mnist}), number of
 * images, output directory (default {@code near-dl4j-cli/src/main/resources/fashion-mnist}).
 */
@Command(name = "BundleFashionMnist", usageHelpAutoWidth = true,
        description = "Copy the first COUNT Fashion-MNIST t10k images and labels into the bundled resources.")
public final class BundleFashionMnist implements Callable<Integer> {

    private static final int SIDE = 28;

    @Parameters(index = "0", paramLabel = "DIR", description = "folder holding t10k-images-idx3-ubyte[.gz] and"
            + " t10k-labels-idx1-ubyte[.gz] (e.g. /usr/share/datasets/fashion-mnist)")
    private Path source;

    @Parameters(index = "1", paramLabel = "COUNT", description = "number of images")
    private int count;

    @Parameters(index = "2", arity = "0..1", paramLabel = "OUT", description = "output folder (default"
            + " near-dl4j-cli/src/main/resources/" + BundledFashionMnist.RESOURCE_DIR + ")")
    private Path out = Paths.get("near-dl4j-cli/src/main/resources/" + BundledFashionMnist.RESOURCE_DIR);

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help")
    private boolean help;

    private BundleFashionMnist() {
    }

    public static void main(String[] args) {
        Cli.main(new BundleFashionMnist(), args);
    }

    @Override
    public Integer call() throws IOException, CliException {
        Cli.atLeast("COUNT", count, 1);
        write(source, count, out);
        System.out.printf("wrote %d images and labels to %s%n", count, out);
        return 0;
    }

    /** Copies the first {@code count} t10k images and labels of {@code source} to {@code out}. */
    public static void write(Path source, int count, Path out) throws IOException {
        Preconditions.checkArgument(count > 0, "count must be positive, got %s", count);
        byte[][] images = IdxFiles.readImages(find(source, "t10k-images-idx3-ubyte"), count);
        byte[] labels = IdxFiles.readLabels(find(source, "t10k-labels-idx1-ubyte"), count);
        Preconditions.checkArgument(images.length == count && labels.length == count,
                "%s holds only %s images and %s labels, %s requested", source, images.length, labels.length, count);
        Files.createDirectories(out);
        try (DataOutputStream o = gzip(out.resolve(BundledFashionMnist.IMAGES))) {
            o.writeInt(0x00000803);
            o.writeInt(count);
            o.writeInt(SIDE);
            o.writeInt(SIDE);
            for (byte[] image : images) {
                Preconditions.checkArgument(image.length == SIDE * SIDE, "images must be %sx%s", SIDE, SIDE);
                o.write(image);
            }
        }
        try (DataOutputStream o = gzip(out.resolve(BundledFashionMnist.LABELS))) {
            o.writeInt(0x00000801);
            o.writeInt(count);
            o.write(labels);
        }
    }

    private static DataOutputStream gzip(Path file) throws IOException {
        OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        return new DataOutputStream(new GZIPOutputStream(raw, 1 << 16));
    }

    private static Path find(Path dir, String base) {
        for (String name : new String[] {base + ".gz", base}) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        throw new IllegalArgumentException("no " + base + "[.gz] in " + dir);
    }
}
