/* dm-format.c — the members of the native format, described once
 *
 * Every object of the format (the dataset, a text, a kind, an event…) and
 * each of its members: name, JSON types, whether it is required, the
 * objects it holds, the strings it may be (relations, levels of
 * certainty) and a short description. The others follow this table,
 * each in the way that suits it:
 *
 *  - The loader, generated: what it keeps as unknown, to write back
 *    unchanged, is what this table does not have (dm_format_type_lookup());
 *    the relations it accepts are the table's.
 *  - The writer, generated: it writes the members in this table's order,
 *    then the unknown ones; writing a member that is not here is a bug it
 *    reports (g_critical).
 *  - data/FORMAT.md, generated: its tables of members are made from this
 *    table (`ninja -C _build update-format-doc`), the descriptions here
 *    being the documentation; the prose around them is written by hand.
 *    The `format` test fails when a table is out of date.
 *  - data/daumoc-timeline.schema.json, checked: the schema says more than
 *    this table could (the patterns of dates, colours and links, one
 *    bound of two, no end after an open start) and is a file people and
 *    tools read on their own, so it is written by hand. The `format` test
 *    checks that each type's $defs entry has exactly these properties,
 *    requires exactly the required ones, and allows the same JSON types,
 *    objects and strings; `format-schema` validates the bundled files
 *    against it with a standard validator.
 *
 * What a member's value means, and the checks beyond its JSON type, stay
 * with the readers in dm-loader.c and the writers in dm-writer.c. So
 * adding a member is: its entry here, its reading and writing, its
 * property in the schema, `ninja -C _build update-format-doc`, and a use
 * of it in tests/fixtures/valid/every-member.json, which the `format`
 * test asks for; a member the loader does not read would be dropped on
 * saving, and test-loader's round trip of that file would fail.
 *
 * Descriptions are Markdown, as they appear in FORMAT.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dm-dataset.h"
#include "dm-format.h"

#define TYPE(symbol, type_name, type_description, member_table) \
  G_STATIC_ASSERT (G_N_ELEMENTS (member_table) <= DM_FORMAT_MAX_MEMBERS); \
  const DmFormatType symbol = { type_name, type_description, member_table, G_N_ELEMENTS (member_table) }

#define S DM_FORMAT_STRING
#define O DM_FORMAT_OBJECT
#define A DM_FORMAT_ARRAY

static const char * const format_names[] = { DM_DATASET_FORMAT_NAME, NULL };
static const char * const certainty_levels[] = { "stated", "inferred", "approximate", NULL };
static const char * const relation_names[] = {
  "part-of", "approves", "implements", "follows-up", "feeds", "establishes", "cites", "related", NULL
};

static const DmFormatMember text_members[] = {
  { "vi", S, FALSE, NULL, "Vietnamese" },
  { "en", S, FALSE, NULL, "English" },
};
TYPE (dm_format_text, "text",
      "A text people read, by language. Other language codes are kept.", text_members);

static const DmFormatMember kind_members[] = {
  { "id", S, TRUE, NULL, "unique among kinds" },
  { "label", O, TRUE, &dm_format_text, "its name" },
  { "color", S, FALSE, NULL, "`#rrggbb` or `#rgb`" },
  { "icon", S, FALSE, NULL, "names a glyph" },
};
TYPE (dm_format_kind, "kind", "A lane of the timeline.", kind_members);

static const DmFormatMember source_members[] = {
  { "id", S, TRUE, NULL, "unique among sources" },
  { "title", O, FALSE, &dm_format_text, "its title" },
  { "publisher", S, FALSE, NULL, "who published it" },
  { "author", S, FALSE, NULL, "who wrote it" },
  { "date", S, FALSE, NULL, "a date: when it was published" },
  { "file", S, FALSE, NULL, "the name of the source text shipped beside the dataset: a plain file name, no folders" },
  { "url", S, FALSE, NULL, "where it is on the web: `http` or `https`" },
};
TYPE (dm_format_source, "source", "A text the events cite.", source_members);

static const DmFormatMember tag_members[] = {
  { "id", S, TRUE, NULL, "the id events carry in their `tags`" },
  { "label", O, TRUE, &dm_format_text, "what people see in the filters and the detail pane" },
};
TYPE (dm_format_tag, "tag", "The label of a tag, given once.", tag_members);

static const DmFormatMember era_members[] = {
  { "title", O, FALSE, &dm_format_text, "its name" },
  { "start", S, TRUE, NULL, "a date" },
  { "end", S, TRUE, NULL, "a date; its span may not end before the start's span begins" },
  { "color", S, FALSE, NULL, "`#rrggbb` or `#rgb`" },
};
TYPE (dm_format_era, "era", "A span of time shaded behind the events.", era_members);

static const DmFormatMember open_start_members[] = {
  { "before", S, FALSE, NULL, "a date: the event is at or before it (within it, or earlier)" },
  { "after", S, FALSE, NULL, "a date: the event is at or after it (within it, or later)" },
};
TYPE (dm_format_open_start, "openStart",
      "The start of an event of which only one bound is known: exactly one of the two members.",
      open_start_members);

static const DmFormatMember certainty_members[] = {
  { "level", S, TRUE, NULL, "how the date was found", certainty_levels },
  { "reason", O, FALSE, &dm_format_text, "how the date was worked out" },
};
TYPE (dm_format_certainty, "certainty", "How an event's date was found, with the reason.", certainty_members);

static const DmFormatMember actor_members[] = {
  { "name", S, TRUE, NULL, "a person or an organisation" },
  { "role", O, FALSE, &dm_format_text, "what they did" },
  { "as_printed", DM_FORMAT_BOOLEAN, FALSE, NULL,
    "`true`: the name is given as the source prints it, although it is probably wrong there; "
    "it is kept, never corrected, and shown with “as printed in the source”" },
};
TYPE (dm_format_actor, "actor", "A person or an organisation taking part in an event.", actor_members);

static const DmFormatMember relation_members[] = {
  { "event", S, TRUE, NULL, "the `id` of another event" },
  { "relation", S, TRUE, NULL, "how this event relates to the other one", relation_names },
};
TYPE (dm_format_relation, "relation", "How an event relates to another.", relation_members);

static const DmFormatMember figure_members[] = {
  { "label", O, TRUE, &dm_format_text, "what is counted" },
  { "value", DM_FORMAT_NUMBER, TRUE, NULL, "the number, kept exactly" },
  { "display", O, FALSE, &dm_format_text, "the number as the text words it, such as “more than 700”" },
};
TYPE (dm_format_figure, "figure", "A number an event gives.", figure_members);

static const DmFormatMember list_members[] = {
  { "label", O, TRUE, &dm_format_text, "what is listed" },
  { "items", A, TRUE, &dm_format_text, "the items, each a text" },
};
TYPE (dm_format_list, "list", "A list an event gives, such as the topics of a workshop series.", list_members);

static const DmFormatMember citation_members[] = {
  { "source", S, TRUE, NULL, "the `id` of a source" },
  { "quote", S, FALSE, NULL, "a short verbatim quote, in the source's language" },
  { "translation", O, FALSE, &dm_format_text, "the quote in the other language, shown as a translation beside it" },
};
TYPE (dm_format_citation, "citation", "Where a source says what an event says.", citation_members);

static const DmFormatMember link_members[] = {
  { "url", S, TRUE, NULL, "`http` or `https` only" },
  { "title", O, FALSE, &dm_format_text, "what it leads to" },
};
TYPE (dm_format_link, "link", "A web page about an event.", link_members);

static const DmFormatMember event_members[] = {
  { "id", S, TRUE, NULL, "unique among events" },
  { "kind", S, TRUE, NULL, "the `id` of a kind" },
  { "start", S | O, TRUE, &dm_format_open_start,
    "a date, or an open bound `{\"before\": date}` / `{\"after\": date}` (see *Open-ended dates*)" },
  { "end", S, FALSE, NULL,
    "a date: the event is a range. Its span may not end before the start's span begins. Not with an open start" },
  { "certainty", S | O, FALSE, &dm_format_certainty,
    "how the date was found, with the reason in a certainty object; `\"stated\"` when left out", certainty_levels },
  { "title", O, TRUE, &dm_format_text, "what happened" },
  { "summary", O, FALSE, &dm_format_text, "a few sentences" },
  { "place", O, FALSE, &dm_format_text, "where it happened" },
  { "actors", A, FALSE, &dm_format_actor, "people and organisations" },
  { "tags", A, FALSE, NULL, "the ids of its tags, strings such as `\"wef\"`" },
  { "related", A, FALSE, &dm_format_relation, "other events and how this one relates to them" },
  { "figures", A, FALSE, &dm_format_figure, "numbers it gives" },
  { "lists", A, FALSE, &dm_format_list, "lists it gives" },
  { "citations", A, FALSE, &dm_format_citation, "what the sources say of it" },
  { "links", A, FALSE, &dm_format_link, "web pages about it" },
};
TYPE (dm_format_event, "event", "Something that happened.", event_members);

static const DmFormatMember dataset_members[] = {
  { "format", S, TRUE, NULL, "names the format", format_names },
  { "version", DM_FORMAT_INTEGER, TRUE, NULL, "`1`; a file with a higher version is refused, rather than misread" },
  { "title", O, TRUE, &dm_format_text, "the timeline's title" },
  { "description", O, FALSE, &dm_format_text, "what it is about" },
  { "kinds", A, TRUE, &dm_format_kind, "the lanes of the timeline" },
  { "sources", A, FALSE, &dm_format_source, "the texts the events cite" },
  { "tags", A, FALSE, &dm_format_tag, "labels for the tags events carry" },
  { "eras", A, FALSE, &dm_format_era, "spans of time shaded behind the events, in the order of the file" },
  { "events", A, TRUE, &dm_format_event, "the events, in any order" },
};
TYPE (dm_format_dataset, "dataset", "A timeline: the top-level object of the file.", dataset_members);

static const DmFormatType * const types[] = {
  &dm_format_dataset,
  &dm_format_text,
  &dm_format_kind,
  &dm_format_source,
  &dm_format_tag,
  &dm_format_era,
  &dm_format_event,
  &dm_format_open_start,
  &dm_format_certainty,
  &dm_format_actor,
  &dm_format_relation,
  &dm_format_figure,
  &dm_format_list,
  &dm_format_citation,
  &dm_format_link,
  NULL
};

const DmFormatType * const *
dm_format_get_types (void)
{
  return types;
}

const DmFormatMember *
dm_format_type_lookup (const DmFormatType *type,
                       const char         *name)
{
  g_return_val_if_fail (type != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  /* Asked for every member of every event: the first byte rules out
   * most names without a call. */
  for (guint i = 0; i < type->n_members; i++)
    if (type->members[i].name[0] == name[0] && strcmp (type->members[i].name, name) == 0)
      return &type->members[i];

  return NULL;
}
