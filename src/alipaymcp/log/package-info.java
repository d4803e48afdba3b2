/**
 * The owner-only event log file: one key=value line per event, each value quoted so that none can forge a
 * line (callers pass only values that are safe to keep; this package redacts nothing).
 * <p>May import: nothing of ours (JDK only).
 */
package alipaymcp.log;
