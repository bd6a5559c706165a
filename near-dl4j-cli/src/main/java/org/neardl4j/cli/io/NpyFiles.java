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
package org.neardl4j.cli.io;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NumPy {@code .npy} arrays with {@code Nd4j.createFromNpyFile}, after checking the file in Java: ND4J's
 * native reader aborts the JVM on big-endian data and silently misreads Fortran-order or truncated files, so
 * those are rejected here with a one-line message naming the file. Arrays must be C-ordered, little-endian,
 * of a floating-point or integer type, with at least one element.
 *
 * <pre>{@code
 * INDArray x = NpyFiles.read(Paths.get("x.npy"));       // e.g. [100, 784] FLOAT
 * NpyFiles.Header h = NpyFiles.readHeader(Paths.get("x.npy"));
 * }</pre>
 */
public final class NpyFiles {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** NumPy type code (without byte-order character) to ND4J type. */
    private static final ImmutableMap<String, DataType> TYPES = ImmutableMap.<String, DataType>builder()
            .put("f2", DataType.HALF).put("f4", DataType.FLOAT).put("f8", DataType.DOUBLE)
            .put("i1", DataType.BYTE).put("i2", DataType.SHORT).put("i4", DataType.INT).put("i8", DataType.LONG)
            .put("u1", DataType.UBYTE).put("u2", DataType.UINT16).put("u4", DataType.UINT32)
            .put("u8", DataType.UINT64)
            .build();

    private NpyFiles() {
    }

    /** What the header of a {@code .npy} file says. Immutable. */
    public static final class Header {
        private final DataType dataType;
        private final long[] shape;
        private final long dataOffset;

        Header(DataType dataType, long[] shape, long dataOffset) {
            this.dataType = dataType;
            this.shape = shape.clone();
            this.dataOffset = dataOffset;
        }

        public DataType dataType() {
            return dataType;
        }

        public long[] shape() {
            return shape.clone();
        }

        /** Number of elements (1 for a 0-d array). */
        public long length() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }

        /** Byte offset of the data in the file. */
        public long dataOffset() {
            return dataOffset;
        }
    }

    /**
     * Reads and checks the header of a {@code .npy} file, and that the file holds all the data the header
     * announces.
     *
     * @throws InvalidInputException naming the file: missing, not a .npy file, unsupported type or order,
     *                               empty, truncated
     */
    public static Header readHeader(Path file) throws InvalidInputException {
        Preconditions.checkNotNull(file, "file");
        String what = "input " + file;
        if (!Files.exists(file)) {
            throw new InvalidInputException(what + ": file not found");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InvalidInputException(what + ": not a readable file");
        }
        long size;
        String dict;
        long offset;
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw)) {
            size = Files.size(file);
            byte[] magic = new byte[MAGIC.length];
            int got = size < 10 ? -1 : in.read(magic);
            boolean zip = got >= 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
            if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".npz")) {
                throw new InvalidInputException(what + " is a NumPy .npz archive: .npz files are not supported; save"
                        + " each array as .npy, e.g. in Python: a = np.load('" + file.getFileName() + "');"
                        + " np.save('x.npy', a['x'])");
            }
            if (zip) {
                throw new InvalidInputException(what + " is not a NumPy .npy file but a zip archive (a model? a NumPy"
                        + " .npz archive? .npz files are not supported: save each array with np.save('x.npy', x))");
            }
            if (size < 10 || got != magic.length || !Arrays.equals(magic, MAGIC)) {
                throw new InvalidInputException(what + " is not a NumPy .npy file (no \\x93NUMPY magic)");
            }
            int major = in.readUnsignedByte();
            int minor = in.readUnsignedByte();
            if (major != 1) {
                throw new InvalidInputException(what + ": .npy format version " + major + "." + minor
                        + " is not supported (ND4J reads version 1.0)");
            }
            int headerLength = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
            offset = 10L + headerLength;
            if (offset > size) {
                throw new InvalidInputException(what + " is truncated (header of " + headerLength + " bytes)");
            }
            byte[] h = new byte[headerLength];
            in.readFully(h);
            dict = new String(h, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new InvalidInputException(what + " cannot be read: " + InvalidInputException.oneLine(e), e);
        }
        Header header = parse(dict, what, offset);
        long need = offset + header.length() * header.dataType().width();
        if (size < need) {
            throw new InvalidInputException(what + " is truncated: shape " + Arrays.toString(header.shape) + " needs "
                    + need + " bytes, the file has " + size);
        }
        return header;
    }

    private static Header parse(String dict, String what, long offset) throws InvalidInputException {
        Matcher d = DESCR.matcher(dict);
        Matcher f = FORTRAN.matcher(dict);
        Matcher s = SHAPE.matcher(dict);
        if (!d.find() || !f.find() || !s.find()) {
            throw new InvalidInputException(what + " has a malformed .npy header: " + dict.trim());
        }
        String descr = d.group(1);
        if (descr.length() < 2 || (descr.charAt(0) != '<' && descr.charAt(0) != '|')) {
            throw new InvalidInputException(what + " has data type '" + descr + "': only little-endian arrays are"
                    + " supported (convert with x.astype('<f4'))");
        }
        DataType type = TYPES.get(descr.substring(1));
        if (type == null) {
            throw new InvalidInputException(what + " has data type '" + descr + "': only floating-point and integer"
                    + " arrays are supported (convert with x.astype('float32'))");
        }
        if (f.group(1).equals("True")) {
            throw new InvalidInputException(what + " is stored in Fortran order: save a C-ordered array"
                    + " (np.save(f, np.ascontiguousarray(x)))");
        }
        // not CSV: the shape is a Python tuple of integers in the .npy header ("(3, 32, 32)" or "(5,)")
        String[] parts = s.group(1).split(",");
        long[] shape = Arrays.stream(parts).map(String::trim).filter(p -> !p.isEmpty())
                .mapToLong(p -> parseDim(p)).toArray();
        for (long dim : shape) {
            if (dim < 0) {
                throw new InvalidInputException(what + " has a malformed shape in its header: (" + s.group(1) + ")");
            }
        }
        Header h = new Header(type, shape, offset);
        if (h.length() == 0) {
            throw new InvalidInputException(what + " is empty (shape " + Arrays.toString(shape) + ")");
        }
        return h;
    }

    private static long parseDim(String p) {
        try {
            return Long.parseLong(p.endsWith("L") ? p.substring(0, p.length() - 1) : p);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Reads a {@code .npy} file after {@link #readHeader checking it}.
     *
     * @throws InvalidInputException naming the file and the problem
     */
    public static INDArray read(Path file) throws InvalidInputException {
        Header h = readHeader(file);
        INDArray a;
        try {
            a = Nd4j.createFromNpyFile(file.toFile());
        } catch (RuntimeException e) {
            throw new InvalidInputException("input " + file + " cannot be read by ND4J: "
                    + InvalidInputException.oneLine(e), e);
        }
        if (!Arrays.equals(a.shape(), h.shape()) || a.dataType() != h.dataType()) {
            throw new InvalidInputException("input " + file + ": ND4J read shape " + Arrays.toString(a.shape()) + " "
                    + a.dataType() + " but the header says " + Arrays.toString(h.shape()) + " " + h.dataType());
        }
        return a;
    }
}
