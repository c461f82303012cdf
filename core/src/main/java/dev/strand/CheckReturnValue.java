package dev.strand;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A CheckReturnValue marks a method, type or package whose return values must be used.
 *
 * <p>Error Prone's {@code CheckReturnValue} check recognises this annotation by its simple name,
 * so with Error Prone in the build, a call whose {@link Result} is dropped is a compile error:
 * Go's {@code errcheck}, enforced by the compiler. Put it on a package ({@code package-info.java})
 * to cover every method of your own code that returns a value.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.TYPE, ElementType.PACKAGE})
public @interface CheckReturnValue {}
