package dev.strand.jdkhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strand.Response;
import dev.strand.Server;
import dev.strand.ServerConfig;
import dev.strand.conformance.ContractSupport;
import dev.strand.spi.Backend;
import dev.strand.spi.Capabilities;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The backend beside the suite; every server here uses the suite's idle timeout, which the JDK applies JVM-wide. */
class JdkHttpBackendTest {

  @Test
  void isFoundByServiceLoaderUnderTheNameJdkhttp() {
    var names = ServiceLoader.load(Backend.class).stream().map(p -> p.get().name()).toList();
    assertEquals(java.util.List.of("jdkhttp"), names);
  }

  @Test
  void serverPicksItWhenItIsTheOnlyBackend() throws Exception {
    try (Server s = Server.start((ctx, r) -> Response.text("hi"), ServerConfig.defaults().withHost("127.0.0.1").withPort(0).withIdleTimeout(ContractSupport.IDLE_TIMEOUT));
        HttpClient client = HttpClient.newHttpClient()) {
      assertEquals("jdkhttp", s.backendName());
      HttpResponse<String> res =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/")).timeout(Duration.ofSeconds(20)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals("hi", res.body());
      assertNotNull(res.headers().firstValue("Date").orElse(null), "the server adds Date");
    }
  }

  @Test
  void declaresWhatItCanDo() {
    Capabilities c = new JdkHttpBackend().capabilities();
    assertEquals(Capabilities.ClientGone.ON_IO, c.clientGone());
    assertEquals(Capabilities.OversizedHead.STATUS_431, c.oversizedHead());
    assertTrue(c.notes().contains("JVM-wide"), c.notes());
  }

  @Test
  void setsTheJdkServersJvmWidePropertiesWhenItStarts() {
    try (Server s = Server.start((ctx, r) -> Response.text("hi"), ServerConfig.defaults().withHost("127.0.0.1").withPort(0).withIdleTimeout(ContractSupport.IDLE_TIMEOUT))) {
      assertTrue(s.port() > 0);
      assertNotNull(System.getProperty(JvmWide.IDLE_INTERVAL));
      assertNotNull(System.getProperty(JvmWide.MAX_HEADER_SIZE));
      assertEquals("10000", System.getProperty(JvmWide.MAX_IDLE_CONNECTIONS));
    }
  }

  @Test
  void headerCeilingLeavesRoomAboveStrandsLimit() {
    assertEquals(380 * 1024, JvmWide.ceilingFor(64 * 1024));
    assertTrue(JvmWide.ceilingFor(1024 * 1024) > 2 * 1024 * 1024);
  }
}
