package alipaymcp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariableNamesTest {
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private void check(String... names) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : names) {
            env.put(name, "x");
        }
        VariableNames.check(env, problems, warnings);
    }

    @Test
    void check_stopsOnTheTyposTheIssueNames() {
        check("AP_SELECT_TOOL", "AP_APPID", "AP_PUBKEY", "AP_LOG_ENABLE");
        assertThat(problems).containsExactly(
                "AP_APPID is not a variable of this server: did you mean AP_APP_ID? Rename it (as written it is"
                        + " ignored, so its setting would not apply).",
                "AP_LOG_ENABLE is not a variable of this server: did you mean AP_LOG_ENABLED? Rename it (as written"
                        + " it is ignored, so its setting would not apply).",
                "AP_PUBKEY is not a variable of this server: did you mean AP_PUB_KEY? Rename it (as written it is"
                        + " ignored, so its setting would not apply).",
                "AP_SELECT_TOOL is not a variable of this server: did you mean AP_SELECT_TOOLS? Rename it (as"
                        + " written it is ignored, so its setting would not apply).");
        assertThat(warnings).isEmpty();
    }

    @Test
    void check_catchesSwapsTwoEditsUnderscoresAndLetterCase() {
        assertThat(VariableNames.closest("AP_CURRNET_ENV")).isEqualTo("AP_CURRENT_ENV"); // swapped neighbours
        assertThat(VariableNames.closest("AP_CURENT_ENVS")).isEqualTo("AP_CURRENT_ENV"); // two edits
        assertThat(VariableNames.closest("AP_GATEWAYURL")).isEqualTo("AP_GATEWAY_URL");
        assertThat(VariableNames.closest("AP_SELECTTOOLS_")).isEqualTo("AP_SELECT_TOOLS");
        assertThat(VariableNames.closest("AP_ENCRYPTION_ALGORITHM")).isNull(); // 5 edits: a warning, not a typo
        check("ap_select_tools");
        assertThat(problems).singleElement().asString().contains("did you mean AP_SELECT_TOOLS?");
    }

    @Test
    void check_knowsTheNamesOfOtherFeaturesBeforeTheyLand() {
        check("AP_CONFIRM_REFUNDS", "AP_APP_CERT_PATH", "AP_ALIPAY_CERT_PATH", "AP_ALIPAY_ROOT_CERT_PATH",
                "AP_ENCRYPT_KEY", "AP_APP_ID", "AP_TIMEOUT_MS");
        assertThat(problems).isEmpty();
        assertThat(warnings).isEmpty();
        check("AP_CONFIRM_REFUND", "AP_ENCRYPTKEY");
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).contains("did you mean AP_CONFIRM_REFUNDS?");
        assertThat(problems.get(1)).contains("did you mean AP_ENCRYPT_KEY?");
    }

    @Test
    void check_warnsOnceForOtherUnknownApNamesAndIgnoresTheRest() {
        check("AP_HOME", "PATH", "APP_ID", "HOME", "AP_SOMETHING_ELSE");
        assertThat(problems).isEmpty();
        assertThat(warnings).containsExactly(
                "AP_HOME is not a variable of this server and is ignored (see --help for the AP_* names).",
                "AP_SOMETHING_ELSE is not a variable of this server and is ignored (see --help for the AP_* names).");
    }

    @Test
    void distance_isOptimalStringAlignment() {
        assertThat(VariableNames.distance("AP_APP_ID", "AP_APP_ID")).isZero();
        assertThat(VariableNames.distance("AP_APP_DI", "AP_APP_ID")).isEqualTo(1);
        assertThat(VariableNames.distance("AP_APPID", "AP_APP_ID")).isEqualTo(1);
        assertThat(VariableNames.distance("AP_APX_IDS", "AP_APP_ID")).isEqualTo(2);
        assertThat(VariableNames.distance("", "ABC")).isEqualTo(3);
    }

    @Test
    void known_holdsEveryVariableTheHelpDocuments() {
        assertThat(VariableNames.KNOWN).doesNotHaveDuplicates().hasSize(18).allMatch(n -> n.startsWith("AP_"));
    }
}
