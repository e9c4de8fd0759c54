package io.livetally.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The dev-token labels print as the console can: Chinese where it can, the romanised name where it cannot. */
class DevTokensTest {

    @Test
    void aConsoleThatCannotPrintChineseGetsTheRomanisedNameAndTheCode() {
        assertThat(DevTokens.region("巫溪县", "Wuxi", "500238", StandardCharsets.US_ASCII)).isEqualTo("Wuxi 500238");
        assertThat(DevTokens.region("巫溪县", "Wuxi", "500238", StandardCharsets.ISO_8859_1)).isEqualTo("Wuxi 500238");
    }

    @Test
    void aConsoleThatPrintsChineseGetsTheChineseName() {
        assertThat(DevTokens.region("巫溪县", "Wuxi", "500238", StandardCharsets.UTF_8)).isEqualTo("巫溪县 500238");
        assertThat(DevTokens.region("巫溪县", "Wuxi", "500238", Charset.forName("GB18030"))).isEqualTo("巫溪县 500238");
    }

    @Test
    void labelsLineUpWhateverTheirScript() {
        assertThat(DevTokens.column("admin:")).hasSize(26);
        assertThat(DevTokens.column("official of 巫溪县 500238:")).isEqualTo("official of 巫溪县 500238: ");
        assertThat(DevTokens.column("official of Wuxi 500238:")).hasSize(26);
    }
}
