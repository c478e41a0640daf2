/* dm-cli-export.h — `daumoc --export=OUT.{png,svg,pdf}`, with no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *input;        /* the dataset, or NULL for @bundled_uri */
  const char *bundled_uri;
  const char *output;       /* .png, .svg or .pdf */
  const char *from;         /* YEAR[-MM[-DD]] or NULL */
  const char *to;
  const char *kinds;        /* "resolution,mou" or NULL */
  const char *search;
  const char *language;     /* "vi", "en" or NULL for the locale's */
  const char *size;         /* "WxH" or NULL */
  const char *scale;        /* a number or NULL */
  const char *paper;        /* "a4", "letter" or NULL for the locale's */
  const char *orientation;  /* "portrait", "landscape" or NULL */
  gboolean    slides;       /* a .pdf of the presentation's slides */
} DmCliExportArgs;

/* Exit status as for --check: 0 written, 1 the dataset or the file failed,
 * 2 the arguments are wrong. */
int      dm_cli_export_image        (const DmCliExportArgs *args,
                                     FILE                  *out,
                                     FILE                  *err);
gboolean dm_cli_export_is_image     (const char            *output);

G_END_DECLS
