import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The floor of a first payment link, for make bench: after one line it builds the two JCA keys from the
 * base64 in AP_APP_KEY (PKCS#8) and AP_PUB_KEY (X.509), signs one page-pay sign string with
 * SHA256withRSA and answers one line with the signature; then it drains input and exits.
 */
public final class SignFloor {
    private static final byte[] SIGN_STRING = ("alipay_sdk=mcp-server-alipay-java-1.0.0&app_id=9021000000000001"
            + "&biz_content={\"out_trade_no\":\"FLOOR1\",\"total_amount\":1.50,\"subject\":\"bench\","
            + "\"product_code\":\"FAST_INSTANT_TRADE_PAY\",\"body\":\"bench\","
            + "\"extend_params\":{\"request_channel_source\":\"mcp_1.0.0\"}}&charset=utf-8"
            + "&method=alipay.trade.page.pay&sign_type=RSA2&timestamp=2026-01-01 08:00:00&version=1.0"
            + "&x_open_scene=MCP").getBytes(StandardCharsets.UTF_8);
    private static final byte[] HEAD = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"sign\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TAIL = "\"}}\n".getBytes(StandardCharsets.UTF_8);

    private SignFloor() {
    }

    public static void main(String[] args) throws IOException, GeneralSecurityException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        if (in.readLine() == null) {
            return;
        }
        Base64.Decoder base64 = Base64.getMimeDecoder();
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        PrivateKey appKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(base64.decode(System.getenv("AP_APP_KEY"))));
        PublicKey platformKey = rsa.generatePublic(new X509EncodedKeySpec(base64.decode(System.getenv("AP_PUB_KEY"))));
        if (!"RSA".equals(platformKey.getAlgorithm())) {
            throw new GeneralSecurityException("AP_PUB_KEY is not an RSA key");
        }
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(appKey);
        signer.update(SIGN_STRING);
        out.write(HEAD);
        out.write(Base64.getEncoder().encode(signer.sign()));
        out.write(TAIL);
        out.flush();
        while (in.readLine() != null) {
            // keep running until the benchmark has read our peak RSS and closes stdin
        }
    }
}
