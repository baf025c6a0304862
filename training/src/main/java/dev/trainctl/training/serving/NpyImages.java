package dev.trainctl.training.serving;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code application/x-npy} invocations: what {@code numpy.save} writes for one image ({@code (784,)} or
 * {@code (28, 28)}) or a batch ({@code (N, 784)} or {@code (N, 28, 28)}), of any whole-number or float type, in C
 * order (NumPy's format specification, versions 1 to 3).
 */
final class NpyImages {

    static final String CONTENT_TYPE = "application/x-npy";
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([A-Za-z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyImages() {}

    static ImageBatch read(byte[] body) throws InvocationException {
        ByteBuffer buffer = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        if (body.length < 10 || !Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC)) {
            throw InvocationException.malformed("not a .npy file (no \\x93NUMPY magic): save the array with"
                    + " numpy.save");
        }
        int major = Byte.toUnsignedInt(body[6]);
        long headerLength;
        int start;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(buffer.getShort(8));
            start = 10;
        } else if ((major == 2 || major == 3) && body.length >= 12) {
            headerLength = Integer.toUnsignedLong(buffer.getInt(8));
            start = 12;
        } else {
            throw InvocationException.malformed(".npy format version " + major + " is not supported (1, 2 or 3)");
        }
        if (start + headerLength > body.length) {
            throw InvocationException.malformed("the .npy header is longer than the request");
        }
        String header = new String(body, start, (int) headerLength, major == 3 ? StandardCharsets.UTF_8
                : StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shape = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shape.find()) {
            throw InvocationException.malformed("the .npy header has no readable descr, fortran_order and shape");
        }
        if (fortran.group(1).equals("True")) {
            throw InvocationException.malformed("the array is in Fortran order: save it in C order"
                    + " (numpy.ascontiguousarray)");
        }
        int count = images(dimensions(shape.group(1)));
        char kind = descr.group(2).charAt(0);
        String dtype = descr.group(1) + descr.group(2) + descr.group(3);
        int size = descr.group(3).length() > 1 ? 0 : Integer.parseInt(descr.group(3));
        boolean whole = (kind == 'u' || kind == 'i') && (size == 1 || size == 2 || size == 4 || size == 8);
        if (!whole && !(kind == 'f' && (size == 4 || size == 8))) {
            throw InvocationException.malformed("dtype " + JsonImages.printable(dtype) + " is not supported (use"
                    + " uint8, another whole-number type of 1 to 8 bytes, or float32/float64)");
        }
        long values = (long) count * ImageBatch.PIXELS;
        int data = (int) (start + headerLength);
        if (body.length - data != values * size) {
            throw InvocationException.malformed("the .npy data is " + (body.length - data) + " bytes, its header"
                    + " says " + values * size);
        }
        ByteBuffer content = ByteBuffer.wrap(body, data, body.length - data).slice()
                .order(descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        float[] pixels = new float[(int) values];
        for (int i = 0; i < pixels.length; i++) {
            double value = value(content, kind, size, i);
            if (!(value >= 0 && value <= 255)) {
                JsonImages.pixel(value, i / ImageBatch.PIXELS, i % ImageBatch.PIXELS, text(content, kind, size, i));
            }
            pixels[i] = (float) value;
        }
        return JsonImages.batch(pixels, count);
    }

    private static double value(ByteBuffer content, char kind, int size, int index) {
        int at = index * size;
        return switch (kind + Integer.toString(size)) {
            case "u1" -> Byte.toUnsignedInt(content.get(at));
            case "i1" -> content.get(at);
            case "u2" -> Short.toUnsignedInt(content.getShort(at));
            case "i2" -> content.getShort(at);
            case "u4" -> Integer.toUnsignedLong(content.getInt(at));
            case "i4" -> content.getInt(at);
            case "u8" -> unsigned(content.getLong(at));
            case "i8" -> content.getLong(at);
            case "f4" -> content.getFloat(at);
            default -> content.getDouble(at);
        };
    }

    /** A uint64 as a double: one above Long.MAX_VALUE stays positive. */
    private static double unsigned(long value) {
        return value >= 0 ? value : ((value >>> 1) | (value & 1)) * 2.0;
    }

    /** Value {@code index} as NumPy prints it, for a message. */
    private static String text(ByteBuffer content, char kind, int size, int index) {
        int at = index * size;
        return switch (kind + Integer.toString(size)) {
            case "u8" -> Long.toUnsignedString(content.getLong(at));
            case "i8" -> Long.toString(content.getLong(at));
            case "f4" -> Float.toString(content.getFloat(at));
            case "f8" -> Double.toString(content.getDouble(at));
            default -> Long.toString((long) value(content, kind, size, index));
        };
    }

    private static long[] dimensions(String shape) throws InvocationException {
        String[] parts = shape.split(",");
        long[] dims = new long[parts.length];
        int n = 0;
        for (String part : parts) {
            if (part.isBlank()) {
                continue;
            }
            try {
                dims[n++] = Long.parseLong(part.trim());
            } catch (NumberFormatException e) {
                throw InvocationException.malformed("the .npy shape (" + JsonImages.printable(shape)
                        + ") is not a tuple of whole numbers");
            }
        }
        return Arrays.copyOf(dims, n);
    }

    /** The number of images an array of this shape holds. */
    private static int images(long[] dims) throws InvocationException {
        long count;
        if (Arrays.equals(dims, new long[] {ImageBatch.PIXELS}) || Arrays.equals(dims, new long[] {28, 28})) {
            count = 1;
        } else if (dims.length == 2 && dims[1] == ImageBatch.PIXELS || dims.length == 3 && dims[1] == 28
                && dims[2] == 28) {
            count = dims[0];
        } else {
            throw InvocationException.malformed("an array of shape " + Arrays.toString(dims) + ": expected (784,),"
                    + " (28, 28), (N, 784) or (N, 28, 28)");
        }
        if (count < 1) {
            throw InvocationException.malformed("an array of no images");
        }
        if (count > ServingLimits.MAX_IMAGES) {
            throw new InvocationException(InvocationException.TOO_LARGE, count + " images in one request, at most "
                    + ServingLimits.MAX_IMAGES + ": send them in smaller batches");
        }
        return (int) count;
    }
}
