/**
 * Sluice: a knowledge-base pipeline for AI. {@link dev.sluice.Sluice} is the facade to learn first.
 *
 * <p>Stages, in flow order, one package each, depending only on earlier stages: {@code core}
 * (shared vocabulary), {@code source}, {@code extract}, {@code quality}, {@code chunk},
 * {@code embed}, {@code index}, {@code retrieve}, {@code ingest} (the run that ties them). Faces sit
 * on top: {@code cli} and {@code bench}; nothing imports them.
 */
package dev.sluice;
