/* log.c - levelled logging through a sink that main.c installs. */
#include <stdarg.h>
#include <stdio.h>

#include "log.h"

static log_sink_fn log_sink;
static enum log_level log_max = LOG_LEVEL_WARN;

void
log_set_sink(log_sink_fn sink, enum log_level max)
{
	log_sink = sink;
	log_max = max;
}

void
log_emit(enum log_level level, const char *func, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	if (log_sink == NULL || level > log_max)
		return;

	n = snprintf(line, sizeof(line), "%s: ", func);
	if (n < 0 || (size_t)n >= sizeof(line))
		n = 0;

	va_start(ap, fmt);
	(void)vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
	va_end(ap);

	log_sink(level, line);
}
