/** The seed's data model: {@link dev.strand.model.User} and its validation. */
package dev.strand.model;
