package alipaymcp;

import alipaymcp.config.Config;
import alipaymcp.config.ConfigException;
import alipaymcp.config.ConfigLoader;
import alipaymcp.log.EventLog;
import alipaymcp.mcp.McpServer;
import alipaymcp.simulator.GatewaySimulator;
import alipaymcp.simulator.SimulatorCommand;
import alipaymcp.simulator.SimulatorOptions;
import alipaymcp.tools.Instructions;
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
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        switch (command) {
            case "":
                return args.length <= 1 ? serve(System.getenv(), null, stdout, stderr) : usage(stderr, args[1]);
            case "--simulator":
                if (args.length == 2 && (args[1].equals("--help") || args[1].equals("-h"))) {
                    out.print(Help.TEXT);
                    return 0;
                }
                SimulatorOptions options = SimulatorOptions.defaults();
                for (int i = 1; i < args.length; i++) {
                    switch (args[i]) {
                        case "--cert" -> options = options.withCertificateMode(true);
                        case "--aes" -> options = options.withAes(true);
                        case "check" -> {
                            return checkOnSimulator(options, Arrays.copyOfRange(args, i + 1, args.length), out,
                                    stderr);
                        }
                        default -> {
                            return usage(stderr, args[i]);
                        }
                    }
                }
                return serve(System.getenv(), options, stdout, stderr);
            case "check":
                return CheckCommand.run(tail(args), System.getenv(), "the configured gateway", out);
            case "--version":
                out.println("mcp-server-alipay " + VERSION);
                return 0;
            case "--help":
            case "-h":
                out.print(Help.TEXT);
                return 0;
            case "verify-notify":
                return VerifyNotifyCommand.run(tail(args), System.getenv(), System.in, System.console() != null, out,
                        stderr);
            case "simulator":
                return SimulatorCommand.run(tail(args), out, stderr);
            default:
                return usage(stderr, command);
        }
    }

    private static String[] tail(String[] args) {
        String[] rest = new String[args.length - 1];
        System.arraycopy(args, 1, rest, 0, rest.length);
        return rest;
    }

    private static int usage(PrintStream stderr, String argument) {
        stderr.println("mcp-server-alipay: unknown argument '" + argument + "'; run with --help to see the options.");
        return EXIT_USAGE;
    }

    /** {@code --simulator [--cert] [--aes] check}: the check against the built-in simulator, with its fresh keys. */
    private static int checkOnSimulator(SimulatorOptions options, String[] args, PrintStream out,
            PrintStream stderr) {
        try (GatewaySimulator sim = GatewaySimulator.start(options)) {
            return CheckCommand.run(args, simulatorEnv(sim, System.getenv()),
                    "the built-in simulator, with its own keys (no real money)", out);
        } catch (IOException e) {
            stderr.println("mcp-server-alipay: cannot start the simulator: " + e.getMessage());
            return 1;
        }
    }

    /** The environment with the simulator's app id, keys (or certificates) and gateway in place of the AP_* ones. */
    private static Map<String, String> simulatorEnv(GatewaySimulator sim, Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        for (String mode : List.of("AP_PUB_KEY", "AP_APP_CERT_PATH", "AP_ALIPAY_CERT_PATH",
                "AP_ALIPAY_ROOT_CERT_PATH", "AP_ENCRYPT_KEY")) {
            env.remove(mode); // the simulator's own setup replaces the merchant's
        }
        env.putAll(sim.serverEnvironment());
        return env;
    }

    /** Every configuration problem, one line each on stderr: exit 78. */
    static int reportConfig(ConfigException e, PrintStream stderr) {
        for (String problem : e.problems()) {
            stderr.println("mcp-server-alipay: " + problem);
        }
        return ConfigException.EXIT_STATUS;
    }

    /**
     * The MCP server on stdio; with {@code simulator} options against the built-in gateway double and its fresh
     * keys, in its mode (public-key or certificate mode, AES on or off).
     */
    private static int serve(Map<String, String> environment, SimulatorOptions simulator, OutputStream stdout,
            PrintStream stderr) {
        Map<String, String> env = environment; // read by name only: copying it costs start-up time
        GatewaySimulator sim = null;
        try {
            if (simulator != null) {
                sim = GatewaySimulator.start(simulator);
                env = simulatorEnv(sim, environment);
                stderr.println("mcp-server-alipay: using the built-in simulator at " + sim.gatewayUrl() + " ("
                        + sim.modeDescription() + "; no real money moves)");
            }
            Config config = ConfigLoader.load(env, ToolRegistry.NAMES);
            if (simulator != null && config.logEnabled()) {
                // A simulator session never mixes its made-up trades into the real log.
                config = config.withLogFile(config.logFile().resolveSibling(SIMULATOR_LOG_FILE_NAME));
            }
            for (String warning : config.warnings()) {
                stderr.println("mcp-server-alipay: warning: " + warning);
            }
            // Opened, and its start line written, by the first event or at the end of the session: both cost
            // start-up time (docs/performance.md).
            EventLog log = config.logEnabled()
                    ? EventLog.open(config.logFile(), Clock.systemUTC(), stderr, "start", "version", VERSION,
                            "config", config)
                    : EventLog.disabled();
            List<Tool> tools = ToolRegistry.select(config, log, VERSION);
            int status = new McpServer(VERSION, tools, Instructions.TEXT).run(new FileInputStream(FileDescriptor.in), stdout);
            log.prepare(); // a session with no tool call still gets its start line (or the warning)
            return status;
        } catch (ConfigException e) {
            return reportConfig(e, stderr);
        } catch (IOException e) {
            stderr.println("mcp-server-alipay: cannot start the simulator: " + e.getMessage());
            return 1;
        } finally {
            if (sim != null) {
                sim.close();
            }
        }
    }
}
