package dev.strand.spi;

/**
 * Capabilities are what a {@link Backend} can do where servers differ. The conformance suite tests
 * each backend against what it declares, and the README tabulates them.
 *
 * @param clientGone how soon the backend learns that a client left while its request is in flight
 * @param oversizedHead what the client gets when the request head is over the header limit
 * @param notes anything else a user choosing a backend should know
 */
public record Capabilities(ClientGone clientGone, OversizedHead oversizedHead, String notes) {

  /** ClientGone says how soon a backend notices a client that closed its connection. */
  public enum ClientGone {
    /** At once, while the handler runs, without reading or writing. */
    IMMEDIATE,
    /** Only on the next read of the body or write of the response. */
    ON_IO,
    /** Not at all over HTTP/1.1. */
    NEVER
  }

  /** OversizedHead says how a request head over the limit is refused. */
  public enum OversizedHead {
    /** With a 431 response. */
    STATUS_431,
    /** With a 431 or 400 response from the server itself, before Strand sees it. */
    SERVER_STATUS,
    /** By closing the connection. */
    CLOSE
  }
}
