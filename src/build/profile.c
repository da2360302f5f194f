/*
 * profile.c — validates the output profile with LittleCMS (profile.h).
 */
#include "profile.h"

#include <errno.h>
#include <stdlib.h>
#include <lcms2.h>
#include <string.h>

/* Real CMYK output profiles are 0.1–10 MB (FOGRA39L: 140 KB). */
#define MAX_PROFILE_BYTES (64u << 20)

static const char *class_name(cmsProfileClassSignature c)
{
    switch (c) {
    case cmsSigInputClass: return "an input (scanner or camera) profile";
    case cmsSigDisplayClass: return "a display profile";
    case cmsSigOutputClass: return "an output profile";
    case cmsSigLinkClass: return "a device link";
    case cmsSigAbstractClass: return "an abstract profile";
    case cmsSigColorSpaceClass: return "a colour space profile (such as sRGB)";
    case cmsSigNamedColorClass: return "a named colour profile";
    default: return "a profile of unknown class";
    }
}

static void quiet(cmsContext id, cmsUInt32Number code, const char *text)
{
    (void)id;
    (void)code;
    (void)text; /* the caller says it in our words */
}

bool dw_profile_check(const char *path, dw_diag *d)
{
    const char *need = "print and web need an output (printer) profile in CMYK, e.g. "
                       "build/FOGRA39L.icc, which make builds";
    size_t len = 0;
    char *data = dw_read_file_limited(path, MAX_PROFILE_BYTES, &len);
    if (!data) {
        dw_error(d, dw_loc_none(), "cannot read the colour profile '%s': %s; %s", path,
                 dw_read_strerror(errno), need);
        return false;
    }
    cmsSetLogErrorHandler(quiet);
    cmsHPROFILE p = cmsOpenProfileFromMem(data, (cmsUInt32Number)len);
    bool ok = false;
    if (!p) {
        dw_error(d, dw_loc_none(), "'%s' is not an ICC colour profile; %s", path, need);
    } else if (cmsGetDeviceClass(p) != cmsSigOutputClass || cmsGetColorSpace(p) != cmsSigCmykData) {
        dw_error(d, dw_loc_none(), "the colour profile '%s' is %s for %s; %s", path,
                 class_name(cmsGetDeviceClass(p)),
                 cmsGetColorSpace(p) == cmsSigCmykData  ? "CMYK"
                 : cmsGetColorSpace(p) == cmsSigRgbData ? "RGB"
                 : cmsGetColorSpace(p) == cmsSigGrayData ? "grey"
                                                          : "another colour space",
                 need);
    } else {
        ok = true;
    }
    if (p)
        cmsCloseProfile(p);
    free(data);
    return ok;
}
