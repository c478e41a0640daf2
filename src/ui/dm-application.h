/* dm-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DM_TYPE_APPLICATION (dm_application_get_type ())

G_DECLARE_FINAL_TYPE (DmApplication, dm_application, DM, APPLICATION, AdwApplication)

DmApplication *dm_application_new (void);

/* The dataset that ships with the app, from the GResource. */
GFile         *dm_application_get_bundled_dataset (void);

G_END_DECLS
