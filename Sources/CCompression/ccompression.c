// The only file that includes zlib's and zstd's headers (see include/ccompression.h).
#include "ccompression.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

struct ccomp_stream {
    int32_t format;
    int32_t encoding;
    z_stream z;
    ZSTD_DCtx *zd;
    ZSTD_CCtx *zc;
    char message[160];
};

static ccomp_stream *make(int32_t format, int32_t encoding) {
    ccomp_stream *stream = calloc(1, sizeof *stream);
    if (stream) { stream->format = format; stream->encoding = encoding; }
    return stream;
}

ccomp_stream *ccomp_decoder_new(int32_t format) {
    ccomp_stream *stream = make(format, 0);
    if (!stream) return NULL;
    if (format == CCOMP_GZIP) {
        // 16 + MAX_WBITS: gzip wrapper only.
        if (inflateInit2(&stream->z, 16 + MAX_WBITS) != Z_OK) { free(stream); return NULL; }
    } else {
        stream->zd = ZSTD_createDCtx();
        if (!stream->zd) { free(stream); return NULL; }
    }
    return stream;
}

ccomp_stream *ccomp_encoder_new(int32_t format, int32_t level) {
    ccomp_stream *stream = make(format, 1);
    if (!stream) return NULL;
    if (format == CCOMP_GZIP) {
        if (deflateInit2(&stream->z, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
            free(stream);
            return NULL;
        }
    } else {
        stream->zc = ZSTD_createCCtx();
        if (!stream->zc) { free(stream); return NULL; }
        ZSTD_CCtx_setParameter(stream->zc, ZSTD_c_compressionLevel, level);
    }
    return stream;
}

void ccomp_free(ccomp_stream *stream) {
    if (!stream) return;
    if (stream->format == CCOMP_GZIP) {
        if (stream->encoding) deflateEnd(&stream->z); else inflateEnd(&stream->z);
    }
    if (stream->zd) ZSTD_freeDCtx(stream->zd);
    if (stream->zc) ZSTD_freeCCtx(stream->zc);
    free(stream);
}

int32_t ccomp_decode(ccomp_stream *stream, const uint8_t *input, size_t input_length, size_t *consumed,
                     uint8_t *output, size_t output_capacity, size_t *produced) {
    *consumed = 0;
    *produced = 0;
    if (stream->format == CCOMP_GZIP) {
        stream->z.next_in = (Bytef *)input;
        stream->z.avail_in = (uInt)input_length;
        stream->z.next_out = output;
        stream->z.avail_out = (uInt)output_capacity;
        int status = inflate(&stream->z, Z_NO_FLUSH);
        *consumed = input_length - stream->z.avail_in;
        *produced = output_capacity - stream->z.avail_out;
        if (status == Z_STREAM_END) {
            inflateReset(&stream->z);
            return CCOMP_END;
        }
        if (status == Z_OK || status == Z_BUF_ERROR) return CCOMP_OK;
        strncpy(stream->message, stream->z.msg ? stream->z.msg : "corrupt gzip data", sizeof stream->message - 1);
        return CCOMP_ERROR;
    }
    ZSTD_inBuffer in = { input, input_length, 0 };
    ZSTD_outBuffer out = { output, output_capacity, 0 };
    size_t status = ZSTD_decompressStream(stream->zd, &out, &in);
    *consumed = in.pos;
    *produced = out.pos;
    if (ZSTD_isError(status)) {
        strncpy(stream->message, ZSTD_getErrorName(status), sizeof stream->message - 1);
        return CCOMP_ERROR;
    }
    return status == 0 ? CCOMP_END : CCOMP_OK;
}

int32_t ccomp_encode(ccomp_stream *stream, const uint8_t *input, size_t input_length, size_t *consumed,
                     uint8_t *output, size_t output_capacity, size_t *produced, int32_t finish) {
    *consumed = 0;
    *produced = 0;
    if (stream->format == CCOMP_GZIP) {
        stream->z.next_in = (Bytef *)input;
        stream->z.avail_in = (uInt)input_length;
        stream->z.next_out = output;
        stream->z.avail_out = (uInt)output_capacity;
        int status = deflate(&stream->z, finish ? Z_FINISH : Z_NO_FLUSH);
        *consumed = input_length - stream->z.avail_in;
        *produced = output_capacity - stream->z.avail_out;
        if (status == Z_STREAM_END) return CCOMP_END;
        if (status == Z_OK || status == Z_BUF_ERROR) return CCOMP_OK;
        strncpy(stream->message, stream->z.msg ? stream->z.msg : "gzip compression failed", sizeof stream->message - 1);
        return CCOMP_ERROR;
    }
    ZSTD_inBuffer in = { input, input_length, 0 };
    ZSTD_outBuffer out = { output, output_capacity, 0 };
    size_t status = ZSTD_compressStream2(stream->zc, &out, &in, finish ? ZSTD_e_end : ZSTD_e_continue);
    *consumed = in.pos;
    *produced = out.pos;
    if (ZSTD_isError(status)) {
        strncpy(stream->message, ZSTD_getErrorName(status), sizeof stream->message - 1);
        return CCOMP_ERROR;
    }
    return finish && status == 0 ? CCOMP_END : CCOMP_OK;
}

const char *ccomp_message(const ccomp_stream *stream) {
    return stream->message[0] ? stream->message : "corrupt compressed data";
}
