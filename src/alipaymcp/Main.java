package alipaymcp;

import alipaymcp.config.Config;
import alipaymcp.config.ConfigException;
import alipaymcp.config.ConfigLoader;
import alipaymcp.log.EventLog;
import alipaymcp.mcp.McpServer;
import alipaymcp.simulator.GatewaySimulator;
import alipaymcp.simulator.SimulatorCommand;
import alipaymcp.simulator.SimulatorOptions;
import alipaymcp.tools.Tool;
import alipaymcp.tools.ToolRegistry;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The command line and composition root: it wires the parts together and holds no logic of its own. */
public final class Main {
    static final String VERSION = "1.0.0";
    /** The log of a --simulator session, beside the real one ($HOME/mcp-server-alipay.log). */
    static final String SIMULATOR_LOG_FILE_NAME = "mcp-server-alipay-simulator.log";
    static final int EXIT_USAGE = 64;

    private Main() {
    }

    public static void main(String[] args) {
        // stdout carries the protocol only: take it once, then point System.out at stderr so that a stray
        // println anywhere cannot corrupt a frame. Both explicitly UTF-8, whatever the locale.
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        PrintStream stderr = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.setErr(stderr);
        System.setOut(stderr);
        System.exit(run(args, stdout, stderr));
    }

    static int run(String[] args, OutputStream stdout, PrintStream stderr) {
        String command = args.length == 0 ? "" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        Map<String, String> env = System.getenv();
        return switch (command) {
            case "" -> rest.length == 0 ? serve(env, false, stdout, stderr) : usage(stderr, rest[0]);
            case "--simulator" -> simulator(rest, env, stdout, out, stderr);
            case "check" -> CheckCommand.run(rest, env, "the configured gateway", out);
            case "verify-notify" ->
                    VerifyNotifyCommand.run(rest, env, System.in, System.console() != null, out, stderr);
            case "simulator" -> SimulatorCommand.run(rest, out, stderr);
            case "--version" -> {
                out.println("mcp-server-alipay " + VERSION);
                yield 0;
            }
            case "--help", "-h" -> {
                out.print(help());
                yield 0;
            }
            default -> usage(stderr, command);
        };
    }

    /**
     * {@code --simulator [--cert] [--aes] [check]}: serve, or check, against the built-in gateway double with its
     * fresh keys, in its mode (public-key or certificate mode, AES on or off).
     */
    private static int simulator(String[] args, Map<String, String> env, OutputStream stdout, PrintStream out,
            PrintStream stderr) {
        SimulatorOptions options = SimulatorOptions.defaults();
        int check = 0;
        for (; check < args.length && !args[check].equals("check"); check++) {
            switch (args[check]) {
                case "--cert" -> options = options.withCertificateMode(true);
                case "--aes" -> options = options.withAes(true);
                case "--help", "-h" -> {
                    out.print(help());
                    return 0;
                }
                default -> {
                    return usage(stderr, args[check]);
                }
            }
        }
        try (GatewaySimulator sim = GatewaySimulator.start(options)) {
            // the simulator's app id, keys (or certificates) and gateway replace the merchant's
            Map<String, String> simulatorEnv = new HashMap<>(env);
            simulatorEnv.keySet().removeAll(List.of("AP_PUB_KEY", "AP_APP_CERT_PATH", "AP_ALIPAY_CERT_PATH",
                    "AP_ALIPAY_ROOT_CERT_PATH", "AP_ENCRYPT_KEY"));
            simulatorEnv.putAll(sim.serverEnvironment());
            if (check < args.length) {
                return CheckCommand.run(Arrays.copyOfRange(args, check + 1, args.length), simulatorEnv,
                        "the built-in simulator, with its own keys (no real money)", out);
            }
            stderr.println("mcp-server-alipay: using the built-in simulator at " + sim.gatewayUrl() + " ("
                    + sim.modeDescription() + "; no real money moves)");
            return serve(simulatorEnv, true, stdout, stderr);
        } catch (IOException e) {
            stderr.println("mcp-server-alipay: cannot start the simulator: " + e.getMessage());
            return 1;
        }
    }

    private static int usage(PrintStream stderr, String argument) {
        stderr.println("mcp-server-alipay: unknown argument '" + argument + "'; run with --help to see the options.");
        return EXIT_USAGE;
    }

    /** Every configuration problem, one line each on stderr: exit 78. */
    static int reportConfig(ConfigException e, PrintStream stderr) {
        for (String problem : e.problems()) {
            stderr.println("mcp-server-alipay: " + problem);
        }
        return ConfigException.EXIT_STATUS;
    }

    /** The MCP server on stdio; a {@code simulator} session logs beside the real log, never into it. */
    private static int serve(Map<String, String> env, boolean simulator, OutputStream stdout, PrintStream stderr) {
        try {
            Config config = ConfigLoader.load(env, ToolRegistry.NAMES);
            if (simulator && config.logFile() != null) {
                config = config.withLogFile(config.logFile().resolveSibling(SIMULATOR_LOG_FILE_NAME));
            }
            for (String warning : config.warnings()) {
                stderr.println("mcp-server-alipay: warning: " + warning);
            }
            // Opened, and its start line written, by the first event or at the end of the session (EventLog says why).
            EventLog log = config.logFile() == null ? EventLog.disabled() : EventLog.open(config.logFile(),
                    Clock.systemUTC(), stderr, "start", "version", VERSION, "config", config);
            List<Tool> tools = ToolRegistry.select(config, log, VERSION);
            int status = new McpServer(VERSION, tools, ToolRegistry.INSTRUCTIONS)
                    .run(new FileInputStream(FileDescriptor.in), stdout);
            log.prepare(); // a session with no tool call still gets its start line (or the warning)
            return status;
        } catch (ConfigException e) {
            return reportConfig(e, stderr);
        }
    }

    /** The text of {@code --help}: every command, option and environment variable (built only when asked). */
    static String help() {
        return """
            mcp-server-alipay %s: an MCP server on stdio with five Alipay payment tools
            (drop-in replacement for @alipay/mcp-server-alipay 1.4.0).

            Usage: java -jar mcp-server-alipay.jar [COMMAND]
              (no command)                  serve MCP on stdin/stdout (configure with AP_* below)
              --simulator [--cert] [--aes]  serve MCP against the built-in gateway simulator, with fresh keys; no
                                            Alipay account, no real money; --cert: certificate mode, --aes: AES
                                            encryption; logs to $HOME/mcp-server-alipay-simulator.log
              check [--offline]             prove the configuration before an agent needs it: every start-up rule,
                                            then one signed query for an order that cannot exist (no money moves);
                                            names the variable to fix; exit 0 only when all holds
              --simulator [--cert] [--aes] check
                                            the same against the built-in simulator
              simulator [--port N] [--keys DIR] [--notify-delay-ms N] [--cert] [--aes]
                                            run the gateway simulator alone (see simulator --help)
              verify-notify [--v2]          verify an Alipay async notification (form body on stdin); needs only
                                            AP_PUB_KEY (or AP_ALIPAY_CERT_PATH) and AP_APP_ID; exit 0 only when valid
              --version | --help

            Environment (empty means unset):
              AP_APP_ID             required  your application's APPID
              AP_APP_KEY            required  application private key: PKCS#8 or PKCS#1, PEM or bare base64
              AP_PUB_KEY            required  the Alipay public key (not your app's public key), unless
                                              certificate mode: then unset, and set all three of
              AP_APP_CERT_PATH                appCertPublicKey_<APPID>.crt (certificate mode)
              AP_ALIPAY_CERT_PATH             alipayCertPublicKey_RSA2.crt (certificate mode)
              AP_ALIPAY_ROOT_CERT_PATH        alipayRootCert.crt (certificate mode)
              AP_ENCRYPT_KEY                  the AES key (接口内容加密): encrypts the API calls' biz_content
              AP_RETURN_URL                   browser return URL sent with payment links
              AP_NOTIFY_URL                   async notification URL sent with payment links
              AP_ENCRYPTION_ALGO              RSA2 (default, SHA256withRSA) or RSA (SHA1withRSA)
              AP_CURRENT_ENV                  prod (default) or sandbox
              AP_SELECT_TOOLS                 all (default) or a comma list of tool names or short names:
                                              mobilePay, webPagePay, queryPay, refundPay, refundQuery
              AP_LOG_ENABLED                  true (default: $HOME/mcp-server-alipay.log, owner-only) or false
              AP_INVOKE_AUTH_TOKEN            ISV app_auth_token, sent on every call
              AP_GATEWAY_URL                  use this gateway instead (https, or http on a loopback address)
              AP_TIMEOUT_MS                   gateway request timeout in ms, 100..300000 (default 15000)
              AP_MAX_REFUND_AMOUNT            refuse any single refund above this amount (default: no limit)
              AP_CONFIRM_REFUNDS              auto (default: a person confirms each refund when the client
                                              can ask), always (refuse refunds when it cannot) or never

            Values are accepted in any letter case (Sandbox, FALSE, rsa2, mobilepay). Configuration errors stop
            the server with one line each on stderr (all of them at once) and exit status 78; so does an AP_* name
            that looks like a typo of one of these (AP_SELECT_TOOL: did you mean AP_SELECT_TOOLS?). Other unknown
            AP_* names get a one-line warning.
            """.formatted(VERSION);
    }
}
