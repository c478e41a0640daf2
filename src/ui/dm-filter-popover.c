/* dm-filter-popover.c
 *
 * The filter menu under the header bar's funnel: a check per kind (with
 * how many events it would show), the years, a toggle per tag and the
 * certainty. It is a view of a DmFilter: what is ticked changes the
 * filter, and a filter changed elsewhere (Show All) shows here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dm-filter-popover.h"
#include "dm-safe-text.h"

/* A list of hundreds of tags is no filter anyone can use. */
#define MAX_TAGS 60

struct _DmFilterPopover
{
  GtkPopover      parent_instance;

  /* Template widgets */
  GtkBox         *kind_box;
  GtkSpinButton  *year_from;
  GtkSpinButton  *year_to;
  GtkCheckButton *hide_inferred;
  GtkWidget      *tag_heading;
  GtkFlowBox     *tag_box;

  DmFilter       *filter;
  DmDataset      *dataset;
  DmLanguage      language;
  gboolean        syncing;   /* the widgets being set from the filter */
  gboolean        changing;  /* the filter being changed from here */
  gboolean        stale;     /* the dataset's kinds or tags were edited */
};

G_DEFINE_FINAL_TYPE (DmFilterPopover, dm_filter_popover, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_FILTER,
  PROP_DATASET,
  PROP_LANGUAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

/* Where @widget is among its siblings: the kind check at k is the
 * dataset's kind k, the tag toggle at i its tag i. */
static guint
child_index (GtkWidget *widget)
{
  guint index = 0;

  for (GtkWidget *w = gtk_widget_get_prev_sibling (widget); w != NULL; w = gtk_widget_get_prev_sibling (w))
    index++;

  return index;
}

static const char *
tag_at (DmFilterPopover *self,
        guint            index)
{
  GPtrArray *tags = dm_dataset_get_tags (self->dataset);

  return tags != NULL && index < tags->len ? g_ptr_array_index (tags, index) : NULL;
}

/* Each kind's name with how many events it would show. */
static void
update_kind_checks (DmFilterPopover *self)
{
  g_autoptr(GArray) counts = NULL;
  GtkWidget *check = gtk_widget_get_first_child (GTK_WIDGET (self->kind_box));

  if (self->dataset == NULL || self->filter == NULL)
    return;

  counts = dm_filter_count_by_kind (self->filter, self->dataset, NULL);
  for (guint k = 0; check != NULL && k < dm_dataset_get_n_kinds (self->dataset); k++, check = gtk_widget_get_next_sibling (check))
    {
      const DmKind *kind = dm_dataset_get_kind (self->dataset, k);
      /* Dataset text: bounded, and shown as what it is. */
      g_autofree char *name = dm_safe_text_for_display (dm_text_get (&kind->label, self->language), 500);
      g_autofree char *label = g_strdup_printf ("%s (%u)", name, g_array_index (counts, guint, k));

      gtk_check_button_set_label (GTK_CHECK_BUTTON (check), label);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), dm_filter_get_kind_visible (self->filter, kind->id));
    }
}

static void
sync_years (DmFilterPopover *self)
{
  gint64 year_min;
  gint64 year_max;
  double start = 2016;
  double end = 2022;
  DmDate first;
  DmDate last;

  if (self->dataset != NULL && dm_dataset_get_span (self->dataset, &first, &last, NULL, NULL))
    start = (double) first.year, end = (double) last.year;

  dm_filter_get_year_range (self->filter, &year_min, &year_max);
  gtk_spin_button_set_value (self->year_from, year_min == DM_FILTER_NO_YEAR_MIN ? start : (double) year_min);
  gtk_spin_button_set_value (self->year_to, year_max == DM_FILTER_NO_YEAR_MAX ? end : (double) year_max);
}

/* Every widget as the filter says. */
static void
sync_widgets (DmFilterPopover *self)
{
  if (self->filter == NULL)
    return;

  self->syncing = TRUE;
  sync_years (self);
  gtk_check_button_set_active (self->hide_inferred, dm_filter_get_hide_inferred (self->filter));
  update_kind_checks (self);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->tag_box)); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button),
                                    dm_filter_get_tag_required (self->filter, tag_at (self, child_index (child))));
    }
  self->syncing = FALSE;
}

/* Callbacks */

static void
kind_toggled_cb (DmFilterPopover *self,
                 GtkCheckButton  *check)
{
  const DmKind *kind;

  if (self->syncing || self->filter == NULL || self->dataset == NULL)
    return;

  kind = dm_dataset_get_kind (self->dataset, child_index (GTK_WIDGET (check)));
  self->changing = TRUE;
  dm_filter_set_kind_visible (self->filter, kind->id, gtk_check_button_get_active (check));
  self->changing = FALSE;
}

static void
tag_toggled_cb (DmFilterPopover *self,
                GtkToggleButton *button)
{
  if (self->syncing || self->filter == NULL || self->dataset == NULL)
    return;

  self->changing = TRUE;
  dm_filter_set_tag_required (self->filter, tag_at (self, child_index (gtk_widget_get_parent (GTK_WIDGET (button)))),
                              gtk_toggle_button_get_active (button));
  self->changing = FALSE;
}

static void
year_changed_cb (DmFilterPopover *self)
{
  gint64 from = (gint64) gtk_spin_button_get_value (self->year_from);
  gint64 to = (gint64) gtk_spin_button_get_value (self->year_to);
  DmDate first;
  DmDate last;

  if (self->syncing || self->filter == NULL || self->dataset == NULL)
    return;

  /* The dataset's own first and last years mean "no bound". */
  if (dm_dataset_get_span (self->dataset, &first, &last, NULL, NULL))
    {
      if (from <= first.year)
        from = DM_FILTER_NO_YEAR_MIN;
      if (to >= last.year)
        to = DM_FILTER_NO_YEAR_MAX;
    }
  self->changing = TRUE;
  dm_filter_set_year_range (self->filter, from, to);
  self->changing = FALSE;
}

static void
hide_inferred_toggled_cb (DmFilterPopover *self)
{
  if (self->syncing || self->filter == NULL)
    return;

  self->changing = TRUE;
  dm_filter_set_hide_inferred (self->filter, gtk_check_button_get_active (self->hide_inferred));
  self->changing = FALSE;
}

/* A change made here leaves the years as typed (one before the dataset's
 * first year means the same as its first); a change made elsewhere shows
 * in every widget. The counts follow both. */
static void
filter_changed_cb (DmFilterPopover *self)
{
  if (!self->changing)
    {
      sync_widgets (self);
      return;
    }

  self->syncing = TRUE;
  update_kind_checks (self);
  self->syncing = FALSE;
}

/* The widgets for a dataset's kinds and tags */

/* One check per kind, in the dataset's order. */
static void
rebuild_kind_checks (DmFilterPopover *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->kind_box))) != NULL)
    gtk_box_remove (self->kind_box, child);

  for (guint k = 0; self->dataset != NULL && k < dm_dataset_get_n_kinds (self->dataset); k++)
    {
      GtkWidget *check = gtk_check_button_new ();

      g_signal_connect_swapped (check, "toggled", G_CALLBACK (kind_toggled_cb), self);
      gtk_box_append (self->kind_box, check);
    }
}

/* One toggle per tag the dataset uses, in alphabetical order of the tags,
 * each shown by its label in the data language. */
static void
rebuild_tag_toggles (DmFilterPopover *self)
{
  GPtrArray *tags = self->dataset != NULL ? dm_dataset_get_tags (self->dataset) : NULL;
  guint n_tags = tags != NULL ? tags->len : 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tag_box))) != NULL)
    gtk_flow_box_remove (self->tag_box, child);

  for (guint i = 0; i < MIN (n_tags, MAX_TAGS); i++)
    {
      const char *tag = g_ptr_array_index (tags, i);
      GtkWidget *button = gtk_toggle_button_new_with_label (dm_dataset_format_tag (self->dataset, tag, self->language));

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button),
                                    self->filter != NULL && dm_filter_get_tag_required (self->filter, tag));
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_widget_add_css_class (button, "tag");
      g_signal_connect_swapped (button, "toggled", G_CALLBACK (tag_toggled_cb), self);
      gtk_flow_box_append (self->tag_box, button);
      /* The flow box's cell would take focus before the button, with no
       * name for a screen reader: the button alone is the stop. */
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }

  gtk_widget_set_visible (self->tag_heading, n_tags > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->tag_box), n_tags > 0);
}

/* Vfuncs */

static void
dm_filter_popover_dispose (GObject *object)
{
  DmFilterPopover *self = DM_FILTER_POPOVER (object);

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_object (&self->filter);
  g_clear_object (&self->dataset);

  gtk_widget_dispose_template (GTK_WIDGET (self), DM_TYPE_FILTER_POPOVER);

  G_OBJECT_CLASS (dm_filter_popover_parent_class)->dispose (object);
}

static void
dm_filter_popover_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DmFilterPopover *self = DM_FILTER_POPOVER (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      g_value_set_object (value, self->filter);
      break;

    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;

    case PROP_LANGUAGE:
      g_value_set_string (value, self->language == DM_LANGUAGE_VI ? "vi" : "en");
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dm_filter_popover_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  DmFilterPopover *self = DM_FILTER_POPOVER (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      dm_filter_popover_set_filter (self, g_value_get_object (value));
      break;

    case PROP_DATASET:
      dm_filter_popover_set_dataset (self, g_value_get_object (value));
      break;

    case PROP_LANGUAGE:
      dm_filter_popover_set_language (self, g_strcmp0 (g_value_get_string (value), "vi") == 0
                                            ? DM_LANGUAGE_VI : DM_LANGUAGE_EN);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rebuild (DmFilterPopover *self)
{
  self->stale = FALSE;
  rebuild_kind_checks (self);
  rebuild_tag_toggles (self);
  sync_widgets (self);
}

static void
dm_filter_popover_map (GtkWidget *widget)
{
  DmFilterPopover *self = DM_FILTER_POPOVER (widget);

  if (self->stale)
    rebuild (self);

  GTK_WIDGET_CLASS (dm_filter_popover_parent_class)->map (widget);
}

static void
dm_filter_popover_class_init (DmFilterPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dm_filter_popover_dispose;
  object_class->get_property = dm_filter_popover_get_property;
  object_class->set_property = dm_filter_popover_set_property;
  widget_class->map = dm_filter_popover_map;

  properties[PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL,
                         DM_TYPE_FILTER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL,
                         DM_TYPE_DATASET,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, "en",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/dm-filter-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, DmFilterPopover, kind_box);
  gtk_widget_class_bind_template_child (widget_class, DmFilterPopover, year_from);
  gtk_widget_class_bind_template_child (widget_class, DmFilterPopover, year_to);
  gtk_widget_class_bind_template_child (widget_class, DmFilterPopover, hide_inferred);
  gtk_widget_class_bind_template_child (widget_class, DmFilterPopover, tag_heading);
  gtk_widget_class_bind_template_child (widget_class, DmFilterPopover, tag_box);
  gtk_widget_class_bind_template_callback (widget_class, year_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, hide_inferred_toggled_cb);
}

static void
dm_filter_popover_init (DmFilterPopover *self)
{
  self->language = DM_LANGUAGE_EN;
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
dm_filter_popover_new (void)
{
  return g_object_new (DM_TYPE_FILTER_POPOVER, NULL);
}

DmFilter *
dm_filter_popover_get_filter (DmFilterPopover *self)
{
  g_return_val_if_fail (DM_IS_FILTER_POPOVER (self), NULL);

  return self->filter;
}

void
dm_filter_popover_set_filter (DmFilterPopover *self,
                              DmFilter        *filter)
{
  g_return_if_fail (DM_IS_FILTER_POPOVER (self));
  g_return_if_fail (filter == NULL || DM_IS_FILTER (filter));

  if (self->filter == filter)
    return;

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_set_object (&self->filter, filter);
  if (filter != NULL)
    g_signal_connect_object (filter, "changed", G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);

  sync_widgets (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

DmDataset *
dm_filter_popover_get_dataset (DmFilterPopover *self)
{
  g_return_val_if_fail (DM_IS_FILTER_POPOVER (self), NULL);

  return self->dataset;
}

void
dm_filter_popover_set_dataset (DmFilterPopover *self,
                               DmDataset       *dataset)
{
  g_return_if_fail (DM_IS_FILTER_POPOVER (self));
  g_return_if_fail (dataset == NULL || DM_IS_DATASET (dataset));

  if (!g_set_object (&self->dataset, dataset))
    return;

  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

DmLanguage
dm_filter_popover_get_language (DmFilterPopover *self)
{
  g_return_val_if_fail (DM_IS_FILTER_POPOVER (self), DM_LANGUAGE_EN);

  return self->language;
}

void
dm_filter_popover_set_language (DmFilterPopover *self,
                                DmLanguage       language)
{
  g_return_if_fail (DM_IS_FILTER_POPOVER (self));

  if (self->language == language)
    return;

  self->language = language;
  self->syncing = TRUE;
  update_kind_checks (self);
  self->syncing = FALSE;
  rebuild_tag_toggles (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

void
dm_filter_popover_dataset_edited (DmFilterPopover *self)
{
  g_return_if_fail (DM_IS_FILTER_POPOVER (self));

  /* Made again when next shown: an edit of a large timeline does not
   * wait for the tags of every event to be gathered. */
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    rebuild (self);
}
