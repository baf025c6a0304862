package dev.trainctl.training.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class InvocationsTest {

    private static String pixels(int value) {
        int[] all = new int[784];
        Arrays.fill(all, value);
        return Arrays.toString(all);
    }

    private static ImageBatch json(String body) throws InvocationException {
        return Invocations.read("application/json; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    private static InvocationException refusal(String contentType, byte[] body) {
        try {
            Invocations.read(contentType, body);
        } catch (InvocationException e) {
            return e;
        }
        throw new AssertionError("accepted");
    }

    private static InvocationException jsonRefusal(String body) {
        return refusal("application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void oneJsonImageIsABatchOfOne() throws Exception {
        ImageBatch batch = json("{\"pixels\": " + pixels(7) + "}");
        assertThat(batch.count()).isEqualTo(1);
        assertThat(batch.pixels()).hasSize(784).containsOnly(7f);
    }

    @Test
    void aJsonListIsABatchInOrder() throws Exception {
        ImageBatch batch = json("[{\"pixels\": " + pixels(1) + "}, {\"pixels\": " + pixels(255) + "}]");
        assertThat(batch.count()).isEqualTo(2);
        assertThat(batch.pixels()[0]).isEqualTo(1f);
        assertThat(batch.pixels()[784]).isEqualTo(255f);
    }

    @Test
    void malformedJsonIsA400NamingWhatIsExpected() {
        assertThat(jsonRefusal("{\"pixels\": [1, 2").status()).isEqualTo(400);
        assertThat(jsonRefusal("{\"pixels\": [1, 2]}").getMessage()).contains("has 2 numbers, expected 784");
        assertThat(jsonRefusal("{\"pixel\": " + pixels(1) + "}").getMessage()).contains("unknown key \"pixel\"");
        assertThat(jsonRefusal("{\"pixels\": " + pixels(256) + "}").getMessage()).contains("from 0 to 255");
        assertThat(jsonRefusal("{\"pixels\": " + pixels(-1) + "}").status()).isEqualTo(400);
        assertThat(jsonRefusal("[]").getMessage()).contains("an empty list");
        assertThat(jsonRefusal("42").getMessage()).contains("a JSON number");
        assertThat(jsonRefusal("{\"pixels\": " + pixels(1) + "} {}").status()).isEqualTo(400);
        assertThat(jsonRefusal("{\"pixels\": " + pixels(1) + "} trailing").status()).isEqualTo(400);
        assertThat(jsonRefusal("{\"pixels\": " + pixels(1).replaceFirst("1", "\"1\"") + "}").getMessage())
                .contains("pixel 0 is a JSON string");
        assertThat(jsonRefusal("{\"pixels\": " + pixels(1) + ", \"pixels\": " + pixels(1) + "}").getMessage())
                .contains("given twice");
    }

    @Test
    void aKeyFromTheRequestIsEscapedInTheMessage() {
        assertThat(jsonRefusal("{\"a\\u001b[2Jb\": 1}").getMessage()).contains("a\\u001b[2Jb").doesNotContain("\u001b");
    }

    @Test
    void tooManyImagesIsA413() {
        StringBuilder body = new StringBuilder("[");
        String one = "{\"pixels\": " + pixels(0) + "}";
        for (int i = 0; i <= ServingLimits.MAX_IMAGES; i++) {
            body.append(i == 0 ? "" : ",").append(one);
        }
        assertThat(jsonRefusal(body.append("]").toString()).status()).isEqualTo(413);
    }

    @Test
    void anUnknownContentTypeIsA415ListingTheAcceptedOnes() {
        InvocationException e = refusal("text/csv", "1,2,3".getBytes(StandardCharsets.UTF_8));
        assertThat(e.status()).isEqualTo(415);
        assertThat(e.getMessage()).contains("application/json", "image/png", "application/x-npy");
        assertThat(refusal(null, new byte[] {1}).status()).isEqualTo(415);
    }

    @Test
    void anEmptyBodyIsA400() {
        assertThat(refusal("application/json", new byte[0]).status()).isEqualTo(400);
    }

    static byte[] npy(String descr, String shape, boolean fortran, ByteBuffer data) {
        String header = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': ("
                + shape + "), }";
        int total = 10 + header.length() + 1;
        header = header + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteBuffer out = ByteBuffer.allocate(10 + header.length() + data.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length())
                .put(header.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        return out.array();
    }

    @Test
    void npyOfUint8AndFloat32ImagesIsRead() throws Exception {
        byte[] bytes = new byte[784];
        bytes[5] = (byte) 200;
        ImageBatch one = Invocations.read("application/x-npy", npy("|u1", "784,", false, ByteBuffer.wrap(bytes)));
        assertThat(one.count()).isEqualTo(1);
        assertThat(one.pixels()[5]).isEqualTo(200f);

        ByteBuffer floats = ByteBuffer.allocate(2 * 784 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 2 * 784; i++) {
            floats.putFloat(i < 784 ? 3.5f : 250f);
        }
        floats.flip();
        ImageBatch two = Invocations.read("application/x-npy", npy("<f4", "2, 28, 28", false, floats));
        assertThat(two.count()).isEqualTo(2);
        assertThat(two.pixels()[0]).isEqualTo(3.5f);
        assertThat(two.pixels()[784]).isEqualTo(250f);
    }

    @Test
    void npyThatIsNotImagesIsA400() {
        ByteBuffer data = ByteBuffer.wrap(new byte[10]);
        assertThat(refusal("application/x-npy", npy("|u1", "10,", false, data)).getMessage())
                .contains("shape [10]");
        assertThat(refusal("application/x-npy", npy("|u1", "784,", true, ByteBuffer.wrap(new byte[784])))
                .getMessage()).contains("Fortran order");
        assertThat(refusal("application/x-npy", npy("|u1", "784,", false, ByteBuffer.wrap(new byte[700])))
                .getMessage()).contains("700 bytes");
        assertThat(refusal("application/x-npy", npy("<c8", "784,", false, ByteBuffer.wrap(new byte[784 * 8])))
                .status()).isEqualTo(400);
        assertThat(refusal("application/x-npy", "not numpy at all".getBytes(StandardCharsets.UTF_8)).getMessage())
                .contains("not a .npy file");
    }

    private static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSample(width / 2, height / 2, 0, 255);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void aPngIsOneMnistImage() throws Exception {
        ImageBatch batch = Invocations.read("image/png", png(28, 28));
        assertThat(batch.count()).isEqualTo(1);
        assertThat(batch.pixels()[14 * 28 + 14]).isEqualTo(255f);
    }

    @Test
    void aPngDeclaringAHugePictureIsRefusedBeforeItIsDecoded() throws Exception {
        InvocationException e = refusal("image/png", png(ServingLimits.MAX_PNG_SIDE + 1, 1));
        assertThat(e.status()).isEqualTo(413);
        assertThat(e.getMessage()).contains("4097x1");
    }

    @Test
    void bytesThatAreNotAPngAreA400() {
        assertThat(refusal("image/png", "GIF89a....".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
    }

    @Test
    void theJsonRequestAClientBuildsIsReadBackExactly() throws Exception {
        float[] pixels = new float[2 * 784];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = i % 256;
        }
        ImageBatch batch = new ImageBatch(pixels, 2);
        assertThat(Invocations.read("application/json", PredictionsJson.request(batch)).pixels()).isEqualTo(pixels);
    }

    @Test
    void anAnswerIsParsedBackToThePredictions() {
        float[] p = {0.1f, 0.9f, 0, 0, 0, 0, 0, 0, 0, 0};
        var parsed = PredictionsJson.parse(PredictionsJson.response(java.util.List.of(Prediction.of(p))));
        assertThat(parsed).singleElement().satisfies(one -> {
            assertThat(one.digit()).isEqualTo(1);
            assertThat(one.probabilities()).containsExactly(p);
        });
        assertThatThrownBy(() -> PredictionsJson.parse("{\"error\": \"x\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("something other than predictions");
    }

    @Test
    void requestMessagesNameTheRealFaultInWords() throws Exception {
        assertThat(jsonRefusal("{\"pixels\":" + pixels(0) + ",\"x\":1}").getMessage())
                .startsWith("unknown key \"x\"");
        assertThat(jsonRefusal("{\"pixels\":" + pixels(0) + ",\"pixels\":" + pixels(0) + "}").getMessage())
                .startsWith("\"pixels\" is given twice");
        assertThat(jsonRefusal("{\"pixels\": [1, 2,]} garbage").getMessage()).doesNotContain("setStrictness",
                "JsonReader", "See https");
        assertThat(jsonRefusal("{\"pixels\":[1e308" + ",0".repeat(783) + "]}").getMessage())
                .contains("pixel 0 of image 0 is 1e308").doesNotContain("Infinity");

        ByteBuffer max = ByteBuffer.allocate(784 * 8).order(ByteOrder.LITTLE_ENDIAN);
        max.putLong(0, -1L);
        assertThat(refusal("application/x-npy", npy("<u8", "784,", false, max)).getMessage())
                .contains("is 18446744073709551615").doesNotContain("-1.0");
        assertThat(refusal("application/x-npy", npy("<u16", "784,", false, ByteBuffer.wrap(new byte[784 * 16])))
                .getMessage()).startsWith("dtype <u16 is not supported (use uint8");
    }

    /**
     * A valid 4096x4096 16-bit RGBA PNG, 128 MB once decoded whole, read by a JVM with 64 MB of heap: decoded
     * subsampled it is a digit, not "not a PNG picture" (what an out-of-memory inside ImageIO used to become).
     */
    @Test
    void aBigValidPngIsDecodedInLittleMemory() throws Exception {
        Path file = Files.createTempFile("big", ".png");
        try {
            Files.write(file, BigPng.rgba16(4096, 4096));
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-cp", System.getProperty("java.class.path"), BigPng.class.getName(), file.toString())
                    .redirectErrorStream(true).start();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor()).as(output).isZero();
            assertThat(output).contains("1 image");
        } finally {
            Files.delete(file);
        }
    }
}
