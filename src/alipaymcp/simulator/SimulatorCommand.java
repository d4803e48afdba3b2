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

            What it models:
              - POST and GET /gateway.do, form-encoded UTF-8, parameters from the query string and the
                body alike. Checks in order: required parameters (40001 isv.missing-method,
                isv.missing-signature, isv.missing-signature-type, isv.missing-app-id,
                isv.missing-timestamp, isv.missing-version); then 40002: isv.invalid-app-id
                (无效的AppID参数), isv.invalid-method for any method not listed here, sign_type other
                than RSA2/RSA, a charset other than utf-8; the signature (RSA2 = SHA256withRSA, RSA =
                SHA1withRSA) over every received parameter but sign, empty ones dropped, sorted, k=v
                joined by & (isv.invalid-signature, whose sub_msg ends with the string it verified, as
                the gateway's does); the timestamp's form (not its age); version 1.0. These refusals
                are NOT signed: under <method>_response for a method it knows, else error_response.
              - Every other answer is {"<method>_response":{...},"sign":"..."}, signed with the
                platform key and the request's sign_type over exactly the object text it sends;
                amounts are strings with 2 decimals; success is code 10000 msg Success; a business
                failure is code 40004 msg Business Failed with sub_code and sub_msg
                (ACQ.INVALID_PARAMETER for a bad biz_content field, naming it).
              - alipay.trade.wap.pay and alipay.trade.page.pay, opened by a browser: checks
                out_trade_no (letters, digits, _, -), total_amount (0.01 to 100000000, 2 decimals),
                subject, product_code (QUICK_WAP_WAY / FAST_INSTANT_TRADE_PAY), notify_url and
                return_url; opens the trade as WAIT_BUYER_PAY (the same out_trade_no with another
                amount is refused) and shows a cashier page with Pay and Cancel.
              - Pay: TRADE_SUCCESS with a 28-digit trade_no, gmt_payment and fixed test buyer values;
                a redirect to return_url with V1-signed parameters (method <api>.return, sign_type,
                sign, out_trade_no, trade_no, total_amount, app_id, seller_id, timestamp, ...), or a
                "paid" page without return_url; an asynchronous trade_status_sync notification
                (V1-signed: sign and sign_type left out of the signed string) POSTed to notify_url
                ONLY when it is http(s) on 127.0.0.1, localhost or [::1], up to 5 attempts (waits
                1, 2, 4, 8 s) until it answers exactly "success". Cancel changes nothing: the trade
                stays WAIT_BUYER_PAY.
              - alipay.trade.query by out_trade_no or trade_no (trade_no wins): trade_status,
                total_amount, trade_no, buyer fields; unknown: 40004 ACQ.TRADE_NOT_EXIST.
              - alipay.trade.refund: only on TRADE_SUCCESS (else ACQ.TRADE_STATUS_ERROR); partial
                refunds add up; more than what is left: ACQ.REFUND_AMT_NOT_EQUAL_TOTAL; the same
                out_request_no (default: out_trade_no) with the same amount: 10000 fund_change=N;
                with another amount: ACQ.DISCORDANT_REPEAT_REQUEST; refund_fee is cumulative; a
                full refund makes the trade TRADE_CLOSED. Parallel refunds on one trade are
                serialized and never refund more than was paid.
              - alipay.trade.fastpay.refund.query: REFUND_SUCCESS with refund_amount and
                total_amount for a known refund; 10000 without refund_status for an unknown one;
                an unknown trade: 40004 TRADE_NOT_EXIST.
              - Bounds: at most 10,000 trades (a new page pay past it is refused), 1,000 refunds a
                trade (ACQ.TRADE_NOT_ALLOW_REFUND), request bodies of 1 MiB.
              - Faults for tests, per method name (or * for all) until cleared: from loopback,
                  curl -d method=alipay.trade.refund -d fault=http-500 <base>/__sim/fault
                  curl -X POST <base>/__sim/clear
                Faults: delay:<ms>, http-500, http-502, html, not-json, truncated (short body with a
                matching length), connection-closed (half the declared body, then close; not a TCP
                reset), bad-signature, missing-sign, tampered (a field changed after signing),
                duplicate-root, error-response (a signed 40006 error_response), other-trade (a
                signed answer about another out_trade_no), system-error (a signed 20000),
                acq-system-error (a signed 40004 ACQ.SYSTEM_ERROR). The call is processed and only
                the answer damaged, except error-response, system-error and acq-system-error, which
                change nothing. Page pay feels only delay and the transport faults.
                Two situations: refund-pending:<n> (alipay.trade.refund: the refund is made,
                answered fund_change=N, and its next n refund queries show no refund_status, as a
                refund still processing), replay (the last signed success of this method for the
                same out_trade_no sent again unchanged, nothing processed; e.g. an earlier refund's
                answer for a new out_request_no).

            Certificate mode (--cert): every API request must carry app_cert_sn and alipay_root_cert_sn
            equal to the files' SNs (else 40001 isv.missing-app-cert-sn / isv.missing-alipay-root-cert-sn,
            40002 isv.app-cert-sn-not-match / isv.alipay-root-cert-sn-not-match: guessed codes); signed
            answers carry alipay_cert_sn before sign and are signed with the current Alipay certificate's
            key; alipay.open.app.alipaycert.download answers {"alipay_cert_sn":...} with
            alipay_cert_content (Base64 of the PEM leaf + intermediate) for any certificate it issued.
            Rotation, from loopback:
                  curl -X POST <base>/__sim/rotate-cert               (a new certificate under the same CA)
                  curl -d forged=true <base>/__sim/rotate-cert        (one under no root of the root file)
            Notifications stay signed with the first Alipay certificate's key.
            AES (--aes): a request with encrypt_type=AES has its biz_content decrypted (AES/CBC/PKCS5,
            zero IV); one that does not decrypt is answered in plaintext, signed: 40002
            isv.invalid-encrypt (解密异常); any other encrypt_type, or AES without --aes: 40002
            isv.invalid-encrypt-type. Answers to encrypted requests are the quoted Base64 ciphertext,
            signed with its quotes; plain requests still get plain answers. Faults damage the plaintext
            form (they are not encrypted); encrypted payment links are refused (not modelled).

            What it does not model: any other method (alipay.trade.create, pay, precreate, close,
            cancel, ...); trade timeouts (timeout_express, time_expire) and TRADE_FINISHED; real
            buyers, balances, sellers, fees and settlement; refund notifications; asynchronous
            refunds (but for the refund-pending fault); charsets other than utf-8; AES_V2 and SM4
            encryption; SM2 certificates; certificate expiry and revocation on the gateway side;
            app_auth_token and ISV permissions (accepted, not checked); the timestamp's age; the MCP
            open-scene key permissions; responses with \\/-escaped slashes; query_options other
            than gmt_refund_pay on a refund query; notifications to hosts other than loopback; the
            real gateway's exact texts where they are unknown (most sub_msg strings are best guesses).
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
                    case "--help":
                    case "-h":
                        out.print(HELP);
                        return 0;
                    case "--port":
                        options = options.withPort((int) number(arg, value(args, ++i, arg), 65_535));
                        break;
                    case "--keys":
                        options = options.withKeysDir(Path.of(value(args, ++i, arg)));
                        break;
                    case "--cert":
                        options = options.withCertificateMode(true);
                        break;
                    case "--aes":
                        options = options.withAes(true);
                        break;
                    case "--notify-delay-ms":
                        options = options.withNotifyDelayMillis(
                                number(arg, value(args, ++i, arg), SimulatorOptions.MAX_DELAY_MILLIS));
                        break;
                    default:
                        throw new IllegalArgumentException("unknown option '" + arg + "'");
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
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(option + " must be a whole number from 0 to " + max + ", got '" + text + "'");
        }
        return value;
    }
}
