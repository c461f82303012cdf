package dev.strand;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Headers is an immutable, ordered list of HTTP header fields whose names compare
 * case-insensitively, as HTTP requires.
 *
 * <p>A name may repeat ({@code Set-Cookie}, {@code Vary}); {@link #all(String)} returns every value in
 * order, {@link #first(String)} the first. Names keep the case they were given in, for the wire.
 *
 * <p>Every name must be an HTTP token and no value may contain CR, LF or NUL: such a header is
 * refused with {@link IllegalArgumentException} when it is added, so header injection can never
 * reach the wire. Instances are immutable and safe to share between threads.
 */
public final class Headers {

  private static final Headers EMPTY = new Headers(new String[0], 0);

  // Alternating name, value.
  private final String[] pairs;
  private final int size;

  private Headers(String[] pairs, int size) {
    this.pairs = pairs;
    this.size = size;
  }

  /**
   * Returns headers with no fields.
   *
   * @return the empty Headers
   */
  public static Headers empty() {
    return EMPTY;
  }

  /**
   * Returns headers holding the given name-value pairs, in order.
   *
   * @param namesAndValues name, value, name, value, ...
   * @return the headers
   * @throws IllegalArgumentException on an odd count, a bad name or a value with CR, LF or NUL
   */
  public static Headers of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("strand: Headers.of takes name-value pairs; got an odd count");
    }
    Builder b = builder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      b.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return b.build();
  }

  /**
   * Returns a new, empty builder.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder(true);
  }

  /**
   * Returns a builder that skips validation, for backends that hand over headers their server
   * already parsed and checked. Not for user code.
   *
   * @return a builder that does not validate
   */
  public static Builder trustedBuilder() {
    return new Builder(false);
  }

  /**
   * Returns the number of fields, counting repeats.
   *
   * @return the field count
   */
  public int size() {
    return size;
  }

  /**
   * Tells whether there are no fields.
   *
   * @return true when empty
   */
  public boolean isEmpty() {
    return size == 0;
  }

  /**
   * Returns the first value of the field {@code name}, compared case-insensitively.
   *
   * @param name the field name
   * @return its first value, or empty
   */
  public Optional<String> first(String name) {
    return Optional.ofNullable(get(name));
  }

  /**
   * Returns the first value of the field {@code name}, or null; for code that prefers null to
   * Optional on hot paths.
   *
   * @param name the field name
   * @return its first value, or null
   */
  public String get(String name) {
    for (int i = 0; i < size; i++) {
      if (pairs[2 * i].equalsIgnoreCase(name)) {
        return pairs[2 * i + 1];
      }
    }
    return null;
  }

  /**
   * Returns every value of the field {@code name}, in order.
   *
   * @param name the field name
   * @return its values; empty when absent
   */
  public List<String> all(String name) {
    List<String> out = null;
    for (int i = 0; i < size; i++) {
      if (pairs[2 * i].equalsIgnoreCase(name)) {
        if (out == null) {
          out = new ArrayList<>(2);
        }
        out.add(pairs[2 * i + 1]);
      }
    }
    return out == null ? List.of() : Collections.unmodifiableList(out);
  }

  /**
   * Tells whether the field {@code name} is present.
   *
   * @param name the field name
   * @return true when present
   */
  public boolean contains(String name) {
    return get(name) != null;
  }

  /**
   * Returns the distinct field names, lower-cased, in first-seen order.
   *
   * @return the names
   */
  public Set<String> names() {
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < size; i++) {
      names.add(pairs[2 * i].toLowerCase(Locale.ROOT));
    }
    return Collections.unmodifiableSet(names);
  }

  /**
   * Calls {@code action} with each name and value, in order, repeats included.
   *
   * @param action receives name and value
   */
  public void forEach(BiConsumer<String, String> action) {
    for (int i = 0; i < size; i++) {
      action.accept(pairs[2 * i], pairs[2 * i + 1]);
    }
  }

  /**
   * Returns a copy in which {@code name} has exactly one value, {@code value}.
   *
   * @param name the field name
   * @param value its value
   * @return the new headers
   * @throws IllegalArgumentException on a bad name or a value with CR, LF or NUL
   */
  public Headers with(String name, String value) {
    return toBuilder().set(name, value).build();
  }

  /**
   * Returns a copy with one more field {@code name: value}, after any it already has.
   *
   * @param name the field name
   * @param value its value
   * @return the new headers
   * @throws IllegalArgumentException on a bad name or a value with CR, LF or NUL
   */
  public Headers plus(String name, String value) {
    return toBuilder().add(name, value).build();
  }

  /**
   * Returns a copy without the field {@code name}.
   *
   * @param name the field name
   * @return the new headers
   */
  public Headers without(String name) {
    return toBuilder().remove(name).build();
  }

  /**
   * Returns a builder that starts from these fields.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(true);
    b.pairs = Arrays.copyOf(pairs, Math.max(8, size * 2 + 4));
    b.size = size;
    return b;
  }

  /**
   * Returns a rough byte count of these fields as they travel in HTTP/1.1 ({@code name: value\r\n}).
   *
   * @return the byte count
   */
  public long wireSize() {
    long n = 0;
    for (int i = 0; i < size; i++) {
      n += pairs[2 * i].length() + pairs[2 * i + 1].length() + 4;
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Headers other) || other.size != size) {
      return false;
    }
    for (int i = 0; i < size; i++) {
      if (!pairs[2 * i].equalsIgnoreCase(other.pairs[2 * i])
          || !pairs[2 * i + 1].equals(other.pairs[2 * i + 1])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (int i = 0; i < size; i++) {
      h = 31 * h + pairs[2 * i].toLowerCase(Locale.ROOT).hashCode();
      h = 31 * h + pairs[2 * i + 1].hashCode();
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Headers{");
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(pairs[2 * i]).append(": ").append(pairs[2 * i + 1]);
    }
    return sb.append('}').toString();
  }

  static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  static void checkName(String name) {
    if (name == null || !isToken(name)) {
      throw new IllegalArgumentException(
          "strand: invalid header name " + quote(name) + "; a name must be an HTTP token");
    }
  }

  static void checkValue(String name, String value) {
    if (value == null) {
      throw new IllegalArgumentException("strand: header " + name + " has a null value");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n' || c == 0) {
        throw new IllegalArgumentException(
            "strand: header "
                + name
                + " has a CR, LF or NUL in its value; refused so it cannot split the response");
      }
    }
  }

  private static String quote(String s) {
    return s == null ? "null" : '"' + s.replace("\r", "\\r").replace("\n", "\\n") + '"';
  }

  /**
   * A Builder collects header fields for a {@link Headers}. Not thread-safe.
   */
  public static final class Builder {
    private final boolean validate;
    private String[] pairs = new String[16];
    private int size;

    private Builder(boolean validate) {
      this.validate = validate;
    }

    /**
     * Adds one field after any with the same name.
     *
     * @param name the field name
     * @param value its value
     * @return this builder
     * @throws IllegalArgumentException on a bad name or a value with CR, LF or NUL
     */
    public Builder add(String name, String value) {
      if (validate) {
        checkName(name);
        checkValue(name, value);
      }
      if (2 * size + 2 > pairs.length) {
        pairs = Arrays.copyOf(pairs, pairs.length * 2);
      }
      pairs[2 * size] = name;
      pairs[2 * size + 1] = value;
      size++;
      return this;
    }

    /**
     * Replaces every field named {@code name} with one holding {@code value}.
     *
     * @param name the field name
     * @param value its value
     * @return this builder
     * @throws IllegalArgumentException on a bad name or a value with CR, LF or NUL
     */
    public Builder set(String name, String value) {
      remove(name);
      return add(name, value);
    }

    /**
     * Removes every field named {@code name}.
     *
     * @param name the field name
     * @return this builder
     */
    public Builder remove(String name) {
      int w = 0;
      for (int r = 0; r < size; r++) {
        if (!pairs[2 * r].equalsIgnoreCase(name)) {
          pairs[2 * w] = pairs[2 * r];
          pairs[2 * w + 1] = pairs[2 * r + 1];
          w++;
        }
      }
      Arrays.fill(pairs, 2 * w, 2 * size, null);
      size = w;
      return this;
    }

    /**
     * Builds the immutable headers.
     *
     * @return the headers
     */
    public Headers build() {
      if (size == 0) {
        return EMPTY;
      }
      return new Headers(Arrays.copyOf(pairs, 2 * size), size);
    }
  }
}
