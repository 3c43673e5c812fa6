#pragma once

// The span-recording callbacks both parsers are driven with, written once: llhttp and http_parser
// name their parser types differently but call back with the same signatures and take the same
// settings field names.

#include "benchparser.h"

namespace ParserBench {

template<class P>
struct SpanCallbacks
{
    static Sink &sinkOf(P *p)
    {
        return *static_cast<Sink *>(p->data);
    }

    static int onMessageBegin(P *p)
    {
        Sink &s = sinkOf(p);
        s.headerCount = 0;
        s.lastWasValue = false;
        s.url = {};
        s.status = {};
        return 0;
    }

    static int onUrl(P *p, const char *at, size_t len)
    {
        Sink &s = sinkOf(p);
        if (!s.url.at)
            s.url.at = at;
        s.url.length += len;
        return 0;
    }

    static int onStatus(P *p, const char *at, size_t len)
    {
        Sink &s = sinkOf(p);
        if (!s.status.at)
            s.status.at = at;
        s.status.length += len;
        return 0;
    }

    static int onHeaderField(P *p, const char *at, size_t len)
    {
        Sink &s = sinkOf(p);
        if (s.headerCount == 0 || s.lastWasValue) {
            if (s.headerCount == Sink::MaxHeaders)
                return -1;
            s.names[s.headerCount] = {at, 0};
            s.values[s.headerCount] = {};
            ++s.headerCount;
            s.lastWasValue = false;
        }
        s.names[s.headerCount - 1].length += len;
        return 0;
    }

    static int onHeaderValue(P *p, const char *at, size_t len)
    {
        Sink &s = sinkOf(p);
        Span &v = s.values[s.headerCount - 1];
        if (!v.at)
            v.at = at;
        v.length += len;
        s.lastWasValue = true;
        return 0;
    }

    static int onHeadersComplete(P *p)
    {
        ++sinkOf(p).headsComplete;
        return 0;
    }

    static int onBody(P *p, const char *, size_t len)
    {
        sinkOf(p).bodyBytes += len;
        return 0;
    }

    static int onMessageComplete(P *p)
    {
        ++sinkOf(p).messages;
        return 0;
    }

    template<class Settings>
    static void install(Settings &settings)
    {
        settings.on_message_begin = onMessageBegin;
        settings.on_url = onUrl;
        settings.on_status = onStatus;
        settings.on_header_field = onHeaderField;
        settings.on_header_value = onHeaderValue;
        settings.on_headers_complete = onHeadersComplete;
        settings.on_body = onBody;
        settings.on_message_complete = onMessageComplete;
    }
};

} // namespace ParserBench
