/*
 * log.h - levelled logging for modules.
 *
 * Modules never print: they log through these macros, and main.c installs
 * the sink that writes to stderr.  Arguments must be document ids, record
 * numbers, offsets, recognizer names and counts, never note text or a
 * matched value.
 */
#ifndef VEIL_LOG_H
#define VEIL_LOG_H

enum log_level {
	LOG_LEVEL_ERROR = 0,
	LOG_LEVEL_WARN = 1,
	LOG_LEVEL_INFO = 2,
	LOG_LEVEL_DEBUG = 3
};

/*
 * log_sink_fn - receives one formatted line (no newline) and its level.
 */
typedef void (*log_sink_fn)(enum log_level level, const char *line);

/*
 * log_set_sink - install the sink and the most verbose level passed on.
 * A NULL sink discards everything (the default, so tests stay quiet).
 */
void log_set_sink(log_sink_fn sink, enum log_level max);

/*
 * log_emit - format and pass on one line; use the macros below instead.
 */
void log_emit(enum log_level level, const char *func, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define log_error(...) log_emit(LOG_LEVEL_ERROR, __func__, __VA_ARGS__)
#define log_warn(...)  log_emit(LOG_LEVEL_WARN, __func__, __VA_ARGS__)
#define log_info(...)  log_emit(LOG_LEVEL_INFO, __func__, __VA_ARGS__)
#ifdef DEBUG
#define log_debug(...) log_emit(LOG_LEVEL_DEBUG, __func__, __VA_ARGS__)
#else
#define log_debug(...) ((void)0)
#endif

#endif
