/**
 * The {@code archai4j} command line: {@code search}, {@code worker}, {@code space} and {@code report}, with
 * progress, Ctrl-C and resume.
 */
package org.archai4j.cli;
