package dev.strand.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "250ms, PT0.25S",
    "2s, PT2S",
    "1m, PT1M",
    "1h30m, PT1H30M",
    "1.5s, PT1.5S",
    ".5s, PT0.5S",
    "1m30.5s, PT1M30.5S",
    "100us, PT0.0001S",
    "100\u00b5s, PT0.0001S",
    "7ns, PT0.000000007S",
    "0, PT0S",
    "0s, PT0S",
    "PT2S, PT2S",
    "pt0.1s, PT0.1S",
    "PT1M30S, PT1M30S",
    "2562047h, PT2562047H"
  })
  void parsesGoAndIsoForms(String text, String iso) {
    assertEquals(Duration.parse(iso), Durations.parse(text).orElseThrow());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2", "10 s", " 2s", "2S", "2sec", "-1s", "+1s", "1..5s", ".s", "s", "ms", "1d", "PT", "P2", "-PT1S", "PT-1S", "9999999h"})
  void refusesWhatIsNotANonNegativeDuration(String text) {
    assertFalse(Durations.parse(text).isOk(), text);
  }

  @ParameterizedTest
  @CsvSource({"PT0S, 0s", "PT0.25S, 250ms", "PT2S, 2s", "PT1M30S, 1m30s", "PT1H, 1h0m0s", "PT1.5S, 1.5s", "PT0.0001S, 100us"})
  void formatsInGoForm(String iso, String text) {
    assertEquals(text, Durations.format(Duration.parse(iso)));
  }
}
