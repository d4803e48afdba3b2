package alipaymcp.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar mcp-server-alipay.jar simulator [--port N] [--keys DIR] [--notify-delay-ms N] [--help]}. */
public final class SimulatorCommand {
    /** Exit status for a bad command line (BSD sysexits EX_USAGE). */
    public static final int EXIT_USAGE = 64;

    /** The --help text; README quotes it. It says exactly what is modelled and what is not. */
    public static final String HELP = """
            Usage: java -jar mcp-server-alipay.jar simulator [--port N] [--keys DIR] [--notify-delay-ms N]
                                                              [--cert] [--aes]

            A local double of the Alipay OpenAPI gateway, in the spirit of stripe-mock, to try and test the
            payment tools with no Alipay account. It is NOT Alipay: no money moves, nothing leaves the
            machine, and passing against it does not prove the real gateway will agree. It serves one
            merchant app, binds 127.0.0.1 only, keeps everything in memory and forgets it when stopped.

            Options:
              --port N             TCP port on 127.0.0.1 (default 0: any free port)
              --keys DIR           use the app id and keys in DIR, or create them there when DIR has none
                                   (folder 0700, files 0600): app_id.txt, app_private_key.txt (PKCS#8
                                   base64, the server's AP_APP_KEY), app_public_key.txt (X.509),
                                   alipay_private_key.txt (PKCS#8), alipay_public_key.txt (X.509, the
                                   server's AP_PUB_KEY). Without --keys, fresh keys live in memory only.
              --notify-delay-ms N  wait before posting an asynchronous notification (default 0)
              --cert               certificate mode (公钥证书模式): a fresh throw-away PKI at every start; the
                                   three files a merchant downloads are (re)written in DIR (or a temporary
                                   folder): appCertPublicKey_<app id>.crt (AP_APP_CERT_PATH),
                                   alipayCertPublicKey_RSA2.crt (AP_ALIPAY_CERT_PATH, leaf + intermediate),
                                   alipayRootCert.crt (AP_ALIPAY_ROOT_CERT_PATH: an ECDSA root standing in for
                                   the real SM2 root, then an RSA root)
              --aes                AES content encryption (接口内容加密): the app's AES key is aes_key.txt in
                                   DIR (created when absent), else in memory (AP_ENCRYPT_KEY)
              --help               this text

            It prints one line (gateway URL, app id, key folder) and serves until stopped (Ctrl-C, SIGTERM).
            Point a server at it: AP_GATEWAY_URL=<gateway URL> AP_APP_ID=<app id>
            AP_APP_KEY=<app_private_key.txt> AP_PUB_KEY=<alipay_public_key.txt>.
            The default app id is 9021000000000001.

            What it models (docs/simulator.md states it exactly): /gateway.do, GET or POST, with the
            gateway's checks (isv.invalid-signature, unsigned as the gateway does) and signed answers;
            alipay.trade.wap.pay and page.pay with a cashier page (Pay, Cancel), the signed return and a
            signed notification to a loopback notify_url; alipay.trade.query (ACQ.TRADE_NOT_EXIST);
            alipay.trade.refund with partial refunds, replays (fund_change=N),
            ACQ.DISCORDANT_REPEAT_REQUEST and TRADE_CLOSED after a full refund;
            alipay.trade.fastpay.refund.query (REFUND_SUCCESS); at most 10,000 trades.

            Faults for tests, per method name (or * for all) until cleared, from loopback:
                  curl -d method=alipay.trade.refund -d fault=http-500 <base>/__sim/fault
                  curl -X POST <base>/__sim/clear
              delay:<ms>, http-500, http-502, html, not-json, truncated, connection-closed,
              bad-signature, missing-sign, tampered, duplicate-root, error-response, other-trade,
              system-error, acq-system-error; two situations: refund-pending:<queries> (a refund
              still processing) and replay (an earlier signed success sent again).

            Certificate mode (--cert) checks app_cert_sn and alipay_root_cert_sn, signs with the current
            Alipay certificate and names it in alipay_cert_sn, serves alipay.open.app.alipaycert.download
            and rotates from loopback:
                  curl -X POST <base>/__sim/rotate-cert        (-d forged=true: one under no root)
            AES (--aes) decrypts biz_content of encrypt_type=AES requests and encrypts their answers.

            What it does not model: any other method; trade timeouts and TRADE_FINISHED; real buyers,
            balances and settlement; refund notifications; SM2, AES_V2 and SM4; certificate expiry and
            revocation; app_auth_token and ISV permissions; the timestamp's age; the real gateway's
            exact texts where they are unknown (most sub_msg strings are best guesses).
            """;

    private SimulatorCommand() {
    }

    /** Parses, starts, prints one line, and serves until the process is stopped. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        SimulatorOptions options = SimulatorOptions.defaults();
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--help", "-h" -> {
                        out.print(HELP);
                        return 0;
                    }
                    case "--port" -> options = options.withPort((int) number(arg, value(args, ++i, arg), 65_535));
                    case "--keys" -> options = options.withKeysDir(Path.of(value(args, ++i, arg)));
                    case "--cert" -> options = options.withCertificateMode(true);
                    case "--aes" -> options = options.withAes(true);
                    case "--notify-delay-ms" -> options = options.withNotifyDelayMillis(
                            number(arg, value(args, ++i, arg), SimulatorOptions.MAX_DELAY_MILLIS));
                    default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("mcp-server-alipay simulator: " + e.getMessage() + "; run 'simulator --help' for the options.");
            return EXIT_USAGE;
        }
        return serve(options, out, err);
    }

    private static int serve(SimulatorOptions options, PrintStream out, PrintStream err) {
        GatewaySimulator simulator;
        try {
            simulator = GatewaySimulator.start(options);
        } catch (IOException e) {
            err.println("mcp-server-alipay simulator: cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "simulator-stop"));
        out.println(startLine(simulator, options.keysDir()));
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    static String startLine(GatewaySimulator simulator, Path keysDir) {
        Map<String, String> env = simulator.serverEnvironment();
        String publicSide = env.containsKey("AP_PUB_KEY") ? ", AP_PUB_KEY: " + SimulatorKeys.ALIPAY_PUBLIC
                : ", AP_APP_CERT_PATH / AP_ALIPAY_CERT_PATH / AP_ALIPAY_ROOT_CERT_PATH: "
                        + SimulatorPki.APP_CERT.formatted(simulator.appId()) + " / " + SimulatorPki.ALIPAY_CERT + " / "
                        + SimulatorPki.ROOT_CERT;
        String keys = keysDir == null ? "keys=in-memory (use --keys DIR to share them)"
                : "keys=" + keysDir.toAbsolutePath() + " (AP_APP_KEY: " + SimulatorKeys.APP_PRIVATE + publicSide
                + (env.containsKey("AP_ENCRYPT_KEY") ? ", AP_ENCRYPT_KEY: " + SimulatorKeys.AES_KEY : "") + ")";
        return "alipay gateway simulator: gateway=" + simulator.gatewayUrl() + " app_id=" + simulator.appId() + " "
                + keys + " mode=" + simulator.modeDescription();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static long number(String option, String text, long max) {
        try {
            long value = Long.parseLong(text);
            if (value >= 0 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException(option + " must be a whole number from 0 to " + max + ", got '" + text + "'");
    }
}
