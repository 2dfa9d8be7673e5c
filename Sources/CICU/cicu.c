// The only translation unit that includes ICU headers. See include/cicu.h.
#include "cicu.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucsdet.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uregex.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>

int32_t cicu_detect_charsets(const uint8_t *bytes, int32_t length,
                             cicu_charset_match *matches, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UCharsetDetector *detector = ucsdet_open(&status);
    if (U_FAILURE(status)) return 0;
    ucsdet_setText(detector, (const char *)bytes, length, &status);
    int32_t found = 0;
    const UCharsetMatch **all = ucsdet_detectAll(detector, &found, &status);
    int32_t written = 0;
    if (U_SUCCESS(status) && all != NULL) {
        for (int32_t i = 0; i < found && written < capacity; i++) {
            UErrorCode itemStatus = U_ZERO_ERROR;
            const char *name = ucsdet_getName(all[i], &itemStatus);
            int32_t confidence = ucsdet_getConfidence(all[i], &itemStatus);
            if (U_FAILURE(itemStatus) || name == NULL) continue;
            strncpy(matches[written].name, name, sizeof(matches[written].name) - 1);
            matches[written].name[sizeof(matches[written].name) - 1] = 0;
            matches[written].confidence = confidence;
            written++;
        }
    }
    ucsdet_close(detector);
    return written;
}

int32_t cicu_converter_exists(const char *name) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *converter = ucnv_open(name, &status);
    if (U_FAILURE(status) || converter == NULL) return 0;
    ucnv_close(converter);
    return 1;
}

int32_t cicu_canonical_converter_name(const char *name, char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *converter = ucnv_open(name, &status);
    if (U_FAILURE(status) || converter == NULL) return -1;
    const char *canonical = ucnv_getName(converter, &status);
    if (U_FAILURE(status) || canonical == NULL || capacity <= 0) {
        ucnv_close(converter);
        return -1;
    }
    strncpy(out, canonical, (size_t)capacity - 1);
    out[capacity - 1] = 0;
    ucnv_close(converter);
    return 0;
}

/// Appends one code point as UTF-8.
static inline uint8_t *put_utf8(uint8_t *o, uint32_t c) {
    if (c < 0x80) {
        *o++ = (uint8_t)c;
    } else if (c < 0x800) {
        *o++ = (uint8_t)(0xC0 | (c >> 6));
        *o++ = (uint8_t)(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        *o++ = (uint8_t)(0xE0 | (c >> 12));
        *o++ = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
        *o++ = (uint8_t)(0x80 | (c & 0x3F));
    } else {
        *o++ = (uint8_t)(0xF0 | (c >> 18));
        *o++ = (uint8_t)(0x80 | ((c >> 12) & 0x3F));
        *o++ = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
        *o++ = (uint8_t)(0x80 | (c & 0x3F));
    }
    return o;
}

/// Writes UTF-16 units as UTF-8, carrying a high surrogate across calls in `*pending`.
/// A lone surrogate becomes U+FFFD.
static uint8_t *utf16_to_utf8(const UChar *u, const UChar *end, uint8_t *o, uint32_t *pending) {
    for (; u < end; u++) {
        uint32_t c = *u;
        if (*pending) {
            if (c >= 0xDC00 && c <= 0xDFFF) {
                o = put_utf8(o, 0x10000 + ((*pending - 0xD800) << 10) + (c - 0xDC00));
                *pending = 0;
                continue;
            }
            o = put_utf8(o, 0xFFFD);
            *pending = 0;
        }
        if (c >= 0xD800 && c <= 0xDBFF) {
            *pending = c;
        } else if (c >= 0xDC00 && c <= 0xDFFF) {
            o = put_utf8(o, 0xFFFD);
        } else {
            o = put_utf8(o, c);
        }
    }
    return o;
}

int64_t cicu_decode_to_utf8(const char *charset, const uint8_t *bytes, int64_t length,
                            uint8_t *out, int64_t outCapacity,
                            int64_t *invalidOffsets, int32_t *invalidLengths,
                            int32_t invalidCapacity, int64_t *invalidCount) {
    (void)outCapacity;
    *invalidCount = 0;
    UErrorCode status = U_ZERO_ERROR;
    UConverter *converter = ucnv_open(charset, &status);
    if (U_FAILURE(status) || converter == NULL) return -1;
    ucnv_setToUCallBack(converter, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
    if (U_FAILURE(status)) {
        ucnv_close(converter);
        return -1;
    }

    enum { CHUNK = 8192 };
    UChar buffer[CHUNK];
    const char *source = (const char *)bytes;
    const char *sourceLimit = source + length;
    uint8_t *o = out;
    uint32_t pending = 0;

    for (;;) {
        UChar *target = buffer;
        status = U_ZERO_ERROR;
        ucnv_toUnicode(converter, &target, buffer + CHUNK, &source, sourceLimit, NULL, 1, &status);
        o = utf16_to_utf8(buffer, target, o, &pending);
        if (status == U_BUFFER_OVERFLOW_ERROR) continue;
        if (status == U_ILLEGAL_CHAR_FOUND || status == U_INVALID_CHAR_FOUND ||
            status == U_TRUNCATED_CHAR_FOUND || status == U_ILLEGAL_ESCAPE_SEQUENCE ||
            status == U_UNSUPPORTED_ESCAPE_SEQUENCE) {
            char invalid[32];
            int8_t invalidLength = (int8_t)sizeof(invalid);
            UErrorCode innerStatus = U_ZERO_ERROR;
            ucnv_getInvalidChars(converter, invalid, &invalidLength, &innerStatus);
            if (U_FAILURE(innerStatus)) invalidLength = 1;
            int64_t offset = (int64_t)(source - (const char *)bytes) - invalidLength;
            if (offset < 0) offset = 0;
            if (*invalidCount < invalidCapacity) {
                invalidOffsets[*invalidCount] = offset;
                invalidLengths[*invalidCount] = invalidLength;
            }
            (*invalidCount)++;
            if (pending) {
                o = put_utf8(o, 0xFFFD);
                pending = 0;
            }
            o = put_utf8(o, 0xFFFD);
            if (source >= sourceLimit) break;
            continue;
        }
        break; // U_ZERO_ERROR: all input consumed and flushed; anything else: give up here
    }
    if (pending) o = put_utf8(o, 0xFFFD);
    ucnv_close(converter);
    return (int64_t)(o - out);
}

int64_t cicu_encode_from_utf8(const char *charset, const uint8_t *utf8, int64_t length,
                              uint8_t *out, int64_t outCapacity, int64_t *failedAt) {
    *failedAt = -1;
    UErrorCode status = U_ZERO_ERROR;
    UConverter *converter = ucnv_open(charset, &status);
    if (U_FAILURE(status) || converter == NULL) return -1;
    ucnv_setFromUCallBack(converter, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL, &status);

    uint8_t *o = out;
    int64_t i = 0;
    enum { CHUNK = 4096 };
    UChar units[CHUNK + 2];
    while (i < length) {
        // Fill a chunk of UTF-16 from UTF-8, remembering each unit's UTF-8 offset only for errors.
        int32_t n = 0;
        int64_t chunkStart = i;
        while (i < length && n < CHUNK) {
            UChar32 c;
            U8_NEXT(utf8, i, length, c);
            if (c < 0) c = 0xFFFD;
            if (c > 0xFFFF) {
                units[n++] = U16_LEAD(c);
                units[n++] = U16_TRAIL(c);
            } else {
                units[n++] = (UChar)c;
            }
        }
        const UChar *source = units;
        char *target = (char *)o;
        status = U_ZERO_ERROR;
        ucnv_fromUnicode(converter, &target, (char *)out + outCapacity, &source, units + n, NULL,
                         i >= length, &status);
        o = (uint8_t *)target;
        if (U_FAILURE(status)) {
            // Find the UTF-8 offset of the failing unit: count code points consumed.
            int64_t consumedUnits = (int64_t)(source - units);
            UErrorCode s2 = U_ZERO_ERROR;
            UChar invalidUnits[4];
            int8_t invalidLength = 4;
            ucnv_getInvalidUChars(converter, invalidUnits, &invalidLength, &s2);
            if (U_FAILURE(s2)) invalidLength = 1;
            int64_t target16 = consumedUnits - invalidLength;
            int64_t j = chunkStart, k = 0;
            while (j < length && k < target16) {
                UChar32 c;
                U8_NEXT(utf8, j, length, c);
                k += (c > 0xFFFF) ? 2 : 1;
            }
            *failedAt = j;
            ucnv_close(converter);
            return -2;
        }
    }
    ucnv_close(converter);
    return (int64_t)(o - out);
}

static const UNormalizer2 *nfc_instance(void) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *n = unorm2_getNFCInstance(&status);
    return U_SUCCESS(status) ? n : NULL;
}

int64_t cicu_nfc_utf8(const uint8_t *utf8, int64_t length, uint8_t *out, int64_t outCapacity) {
    (void)outCapacity;
    const UNormalizer2 *nfc = nfc_instance();
    if (nfc == NULL || length > INT32_MAX / 4) return -1;
    UErrorCode status = U_ZERO_ERROR;
    int32_t units16 = 0;
    u_strFromUTF8WithSub(NULL, 0, &units16, (const char *)utf8, (int32_t)length, 0xFFFD, NULL, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return -1;
    status = U_ZERO_ERROR;
    UChar *src = (UChar *)malloc(sizeof(UChar) * ((size_t)units16 + 1));
    UChar *dst = (UChar *)malloc(sizeof(UChar) * ((size_t)units16 * 3 + 16));
    if (src == NULL || dst == NULL) {
        free(src);
        free(dst);
        return -1;
    }
    u_strFromUTF8WithSub(src, units16 + 1, NULL, (const char *)utf8, (int32_t)length, 0xFFFD, NULL, &status);
    int32_t produced = U_SUCCESS(status)
        ? unorm2_normalize(nfc, src, units16, dst, units16 * 3 + 16, &status) : 0;
    int64_t written = -1;
    if (U_SUCCESS(status)) {
        uint32_t pending = 0;
        uint8_t *end = utf16_to_utf8(dst, dst + produced, out, &pending);
        if (pending) end = put_utf8(end, 0xFFFD);
        written = (int64_t)(end - out);
    }
    free(src);
    free(dst);
    return written;
}

int32_t cicu_is_nfc_inert(uint32_t codePoint) {
    if (u_getCombiningClass((UChar32)codePoint) != 0) return 0;
    return u_getIntPropertyValue((UChar32)codePoint, UCHAR_NFC_QUICK_CHECK) == UNORM_YES;
}

int32_t cicu_char_type(uint32_t codePoint) { return (int32_t)u_charType((UChar32)codePoint); }

int32_t cicu_script(uint32_t codePoint) {
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode code = uscript_getScript((UChar32)codePoint, &status);
    return U_SUCCESS(status) ? (int32_t)code : -1;
}

struct cicu_transliterator {
    UTransliterator *handle;
};

cicu_transliterator *cicu_transliterator_open(const char *id, char *errorOut, int32_t errorCapacity) {
    UChar id16[128];
    int32_t idLength = 0;
    UErrorCode status = U_ZERO_ERROR;
    u_strFromUTF8(id16, 128, &idLength, id, -1, &status);
    if (U_SUCCESS(status)) {
        UParseError parseError;
        UTransliterator *handle = utrans_openU(id16, idLength, UTRANS_FORWARD, NULL, 0, &parseError, &status);
        if (U_SUCCESS(status) && handle != NULL) {
            cicu_transliterator *t = (cicu_transliterator *)malloc(sizeof(cicu_transliterator));
            if (t == NULL) {
                utrans_close(handle);
                return NULL;
            }
            t->handle = handle;
            return t;
        }
    }
    if (errorOut != NULL && errorCapacity > 0) {
        strncpy(errorOut, u_errorName(status), (size_t)errorCapacity - 1);
        errorOut[errorCapacity - 1] = 0;
    }
    return NULL;
}

cicu_transliterator *cicu_transliterator_clone(const cicu_transliterator *t) {
    UErrorCode status = U_ZERO_ERROR;
    UTransliterator *handle = utrans_clone(t->handle, &status);
    if (U_FAILURE(status) || handle == NULL) return NULL;
    cicu_transliterator *copy = (cicu_transliterator *)malloc(sizeof(cicu_transliterator));
    if (copy == NULL) {
        utrans_close(handle);
        return NULL;
    }
    copy->handle = handle;
    return copy;
}

void cicu_transliterator_close(cicu_transliterator *t) {
    if (t == NULL) return;
    utrans_close(t->handle);
    free(t);
}

uint8_t *cicu_transliterate_utf8(cicu_transliterator *t, const uint8_t *utf8, int64_t length,
                                 int64_t *outLength) {
    *outLength = 0;
    if (length > INT32_MAX / 8) return NULL;
    UErrorCode status = U_ZERO_ERROR;
    int32_t units16 = 0;
    u_strFromUTF8WithSub(NULL, 0, &units16, (const char *)utf8, (int32_t)length, 0xFFFD, NULL, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return NULL;
    status = U_ZERO_ERROR;
    // Transliteration can grow text (Han-Latin does, a lot); retry with a bigger buffer if needed.
    int32_t capacity = units16 * 4 + 64;
    for (int attempt = 0; attempt < 4; attempt++) {
        UChar *buffer = (UChar *)malloc(sizeof(UChar) * (size_t)capacity);
        if (buffer == NULL) return NULL;
        status = U_ZERO_ERROR;
        u_strFromUTF8WithSub(buffer, capacity, NULL, (const char *)utf8, (int32_t)length, 0xFFFD, NULL, &status);
        int32_t textLength = units16;
        int32_t limit = units16;
        utrans_transUChars(t->handle, buffer, &textLength, capacity, 0, &limit, &status);
        if (status == U_BUFFER_OVERFLOW_ERROR) {
            free(buffer);
            capacity = textLength * 2 + 64;
            continue;
        }
        if (U_FAILURE(status)) {
            free(buffer);
            return NULL;
        }
        uint8_t *out = (uint8_t *)malloc((size_t)textLength * 3 + 1);
        if (out == NULL) {
            free(buffer);
            return NULL;
        }
        uint32_t pending = 0;
        uint8_t *end = utf16_to_utf8(buffer, buffer + textLength, out, &pending);
        if (pending) end = put_utf8(end, 0xFFFD);
        *end = 0;
        *outLength = (int64_t)(end - out);
        free(buffer);
        return out;
    }
    return NULL;
}

void cicu_free(void *pointer) { free(pointer); }

void cicu_version(char *out, int32_t capacity) {
    UVersionInfo info;
    u_getVersion(info);
    char text[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(info, text);
    strncpy(out, text, (size_t)capacity - 1);
    out[capacity - 1] = 0;
}

// MARK: Regular expressions

struct cicu_regex {
    URegularExpression *pattern; // compiled once; only cloned, never matched
    int32_t groupCount;
    pthread_mutex_t lock;
    URegularExpression **idle;   // matchers not in use
    int32_t idleCount;
    int32_t idleCapacity;
};

cicu_regex *cicu_regex_open(const uint16_t *pattern, int32_t length, char *errorOut, int32_t errorCapacity) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parseError;
    URegularExpression *compiled = uregex_open((const UChar *)pattern, length, 0, &parseError, &status);
    int32_t groupCount = U_SUCCESS(status) ? uregex_groupCount(compiled, &status) : 0;
    cicu_regex *regex = U_SUCCESS(status) ? (cicu_regex *)calloc(1, sizeof(cicu_regex)) : NULL;
    if (regex == NULL) {
        if (compiled != NULL) uregex_close(compiled);
        if (errorOut != NULL && errorCapacity > 0) {
            strncpy(errorOut, U_FAILURE(status) ? u_errorName(status) : "out of memory", (size_t)errorCapacity - 1);
            errorOut[errorCapacity - 1] = 0;
        }
        return NULL;
    }
    regex->pattern = compiled;
    regex->groupCount = groupCount;
    pthread_mutex_init(&regex->lock, NULL);
    return regex;
}

void cicu_regex_close(cicu_regex *regex) {
    if (regex == NULL) return;
    for (int32_t i = 0; i < regex->idleCount; i++) uregex_close(regex->idle[i]);
    free(regex->idle);
    uregex_close(regex->pattern);
    pthread_mutex_destroy(&regex->lock);
    free(regex);
}

int32_t cicu_regex_group_count(const cicu_regex *regex) {
    return regex->groupCount;
}

int32_t cicu_regex_group_number(const cicu_regex *regex, const uint16_t *name, int32_t length) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t number = uregex_groupNumberFromName(regex->pattern, (const UChar *)name, length, &status);
    return U_SUCCESS(status) ? number : -1;
}

static URegularExpression *cicu_regex_borrow(cicu_regex *regex) {
    URegularExpression *matcher = NULL;
    pthread_mutex_lock(&regex->lock);
    if (regex->idleCount > 0) matcher = regex->idle[--regex->idleCount];
    pthread_mutex_unlock(&regex->lock);
    if (matcher == NULL) {
        UErrorCode status = U_ZERO_ERROR;
        matcher = uregex_clone(regex->pattern, &status);
        if (U_FAILURE(status)) {
            if (matcher != NULL) uregex_close(matcher);
            return NULL;
        }
    }
    return matcher;
}

static void cicu_regex_give_back(cicu_regex *regex, URegularExpression *matcher) {
    UErrorCode status = U_ZERO_ERROR;
    static const UChar empty[1] = {0};
    uregex_setText(matcher, empty, 0, &status); // drop the pointer to the caller's text
    pthread_mutex_lock(&regex->lock);
    if (regex->idleCount == regex->idleCapacity) {
        int32_t capacity = regex->idleCapacity == 0 ? 4 : regex->idleCapacity * 2;
        URegularExpression **grown = (URegularExpression **)realloc(regex->idle, sizeof(URegularExpression *) * (size_t)capacity);
        if (grown == NULL) {
            pthread_mutex_unlock(&regex->lock);
            uregex_close(matcher);
            return;
        }
        regex->idle = grown;
        regex->idleCapacity = capacity;
    }
    regex->idle[regex->idleCount++] = matcher;
    pthread_mutex_unlock(&regex->lock);
}

int32_t cicu_regex_find(cicu_regex *regex, const uint16_t *text, int32_t length,
                        int32_t maxMatches, int32_t *ranges) {
    static const UChar empty[1] = {0};
    URegularExpression *matcher = cicu_regex_borrow(regex);
    if (matcher == NULL) return 0;
    UErrorCode status = U_ZERO_ERROR;
    uregex_setText(matcher, length > 0 ? (const UChar *)text : empty, length, &status);
    int32_t found = 0;
    int32_t stride = 2 * (regex->groupCount + 1);
    while (U_SUCCESS(status) && found < maxMatches && uregex_findNext(matcher, &status) && U_SUCCESS(status)) {
        int32_t *out = ranges + (size_t)found * (size_t)stride;
        for (int32_t group = 0; group <= regex->groupCount; group++) {
            out[2 * group] = uregex_start(matcher, group, &status);
            out[2 * group + 1] = uregex_end(matcher, group, &status);
        }
        found++;
    }
    cicu_regex_give_back(regex, matcher);
    return found; // an ICU error (stack overflow on a hostile line) ends the search, as in Foundation
}
