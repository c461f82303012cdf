package dev.strand;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strand.spi.Backend;
import dev.strand.spi.Capabilities;
import dev.strand.spi.Dispatcher;
import dev.strand.spi.Listener;
import dev.strand.spi.Settings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Server.chooseBackend: the given instance, else a name (config, then STRAND_BACKEND), else the only one. */
class ServerChooseBackendTest {

  /** A backend that is only a name; choosing never starts it. */
  private record Named(String name) implements Backend {
    @Override
    public Capabilities capabilities() {
      return new Capabilities(Capabilities.ClientGone.NEVER, Capabilities.OversizedHead.STATUS_431, "test only");
    }

    @Override
    public Listener start(Settings settings, Dispatcher dispatcher) {
      throw new UnsupportedOperationException("test backend");
    }
  }

  private static final Backend ALPHA = new Named("alpha");
  private static final Backend BETA = new Named("beta");
  private static final ServerConfig DEFAULTS = ServerConfig.defaults();

  private static void assertNamesTheThreeArtifacts(String message) {
    assertTrue(message.startsWith("strand: "), message);
    for (String artifact : List.of("strand-backend-undertow", "strand-backend-jetty", "strand-backend-jdkhttp")) {
      assertTrue(message.contains(artifact), () -> message + " should name " + artifact);
    }
  }

  @Test
  void noBackendOnTheClassPathFailsNamingTheThreeArtifacts() {
    // core's own class path has no backend registered
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Server.chooseBackend(DEFAULTS, null));
    assertNamesTheThreeArtifacts(e.getMessage());
  }

  @Test
  void startWithoutABackendFailsBeforeBindingAnything() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Server.start((ctx, req) -> Response.text("x"), DEFAULTS.withPort(0)));
    assertNamesTheThreeArtifacts(e.getMessage());
  }

  @Test
  void aNameNotFoundListsTheAvailableBackends() {
    IllegalStateException e = assertThrows(
        IllegalStateException.class, () -> Server.chooseBackend(DEFAULTS.withBackend("gamma"), null, List.of(BETA, ALPHA)));
    assertTrue(e.getMessage().contains("'gamma'"), e.getMessage());
    assertTrue(e.getMessage().contains("available: alpha, beta"), e.getMessage());
  }

  @Test
  void aNameNotFoundWithNoneAvailableNamesTheArtifacts() {
    IllegalStateException e = assertThrows(
        IllegalStateException.class, () -> Server.chooseBackend(DEFAULTS.withBackend("jetty"), null, List.of()));
    assertTrue(e.getMessage().contains("'jetty'"), e.getMessage());
    assertNamesTheThreeArtifacts(e.getMessage());
  }

  @Test
  void theStrandBackendEnvironmentValueIsUsed() {
    assertSame(BETA, Server.chooseBackend(DEFAULTS, "beta", List.of(ALPHA, BETA)));
  }

  @Test
  void theEnvironmentValueIsTrimmedAndCaseInsensitive() {
    assertSame(BETA, Server.chooseBackend(DEFAULTS, "  BETA ", List.of(ALPHA, BETA)));
  }

  @Test
  void anEnvironmentValueNotFoundListsTheAvailableBackends() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Server.chooseBackend(DEFAULTS, "gamma", List.of(ALPHA, BETA)));
    assertTrue(e.getMessage().contains("available: alpha, beta"), e.getMessage());
  }

  @Test
  void aBlankEnvironmentValueIsIgnored() {
    assertSame(ALPHA, Server.chooseBackend(DEFAULTS, "  ", List.of(ALPHA)));
  }

  @Test
  void theConfigNameWinsOverTheEnvironment() {
    assertSame(ALPHA, Server.chooseBackend(DEFAULTS.withBackend("alpha"), "beta", List.of(ALPHA, BETA)));
  }

  @Test
  void aGivenInstanceWinsOverEverything() {
    Backend mine = new Named("mine");
    assertSame(mine, Server.chooseBackend(DEFAULTS.withBackend(mine), "beta", List.of(ALPHA, BETA)));
    assertSame(mine, Server.chooseBackend(DEFAULTS.withBackend(mine), "nothing-like-it"));
  }

  @Test
  void theSingleBackendOnTheClassPathIsChosen() {
    assertSame(ALPHA, Server.chooseBackend(DEFAULTS, null, List.of(ALPHA)));
  }

  @Test
  void severalBackendsWithoutANameFailNamingThemAndHowToPick() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Server.chooseBackend(DEFAULTS, null, List.of(BETA, ALPHA)));
    assertTrue(e.getMessage().contains("alpha, beta"), e.getMessage());
    assertTrue(e.getMessage().contains("STRAND_BACKEND"), e.getMessage());
    assertTrue(e.getMessage().contains("withBackend"), e.getMessage());
  }

  @Test
  void namingABackendReplacesAGivenInstance() {
    ServerConfig c = DEFAULTS.withBackend(new Named("mine")).withBackend("alpha");
    assertSame(ALPHA, Server.chooseBackend(c, null, List.of(ALPHA, BETA)));
  }
}
