/* dm-search.h — search as you type over the events of a dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dm-dataset.h"

G_BEGIN_DECLS

/* The folded text (dm_fold()) of every event of one dataset, built once:
 * its titles, summaries, places, actors' names and roles, tags (and their
 * labels), its kind's label, and the quotes it cites (and their
 * translations), in both languages, one field per line, so that nothing
 * matches across two fields.
 *
 * A query is folded (no case, no diacritics). A query of one word matches
 * where it occurs, as a part of a word too: "quyet", "52". A query of
 * several words is a phrase: its words match adjacent and in that order,
 * starting at the start of a word, since a Vietnamese word is several
 * syllables written apart: "nghi quyet 52" and "Nghị quyết 52" find
 * "Nghị quyết 52-NQ/TW", "hội nghị" does not match "xã hội … nghị quyết",
 * and the last word may be cut short as it is being typed ("nghi qu").
 * An empty query matches every event.
 *
 * The index is immutable and reference counted; it may be built in a
 * worker thread and queried from any thread. */
typedef struct _DmSearchIndex DmSearchIndex;

DmSearchIndex  *dm_search_index_new           (DmDataset      *dataset);
/* The index of @dataset after an edit that replaced the @removed events
 * from @position with @added others (dm_edit_get_changed_range()), made
 * from @self: only the events put in are read and folded; the others'
 * text is moved over from @self, which is left empty (no events). So
 * @self must not be in use in another thread, and a search state of it
 * is of no use any more. */
DmSearchIndex  *dm_search_index_splice        (DmSearchIndex  *self,
                                               DmDataset      *dataset,
                                               guint           position,
                                               guint           removed,
                                               guint           added);
DmSearchIndex  *dm_search_index_ref           (DmSearchIndex  *self);
void            dm_search_index_unref         (DmSearchIndex  *self);

guint           dm_search_index_get_n_events  (DmSearchIndex  *self);
/* The folded text of the event at @position, fields separated by '\n'. */
const char     *dm_search_index_get_text      (DmSearchIndex  *self,
                                               guint           position);

/* Appends to @positions (GArray of guint) the position of every event that
 * matches @query, in time order (the dataset's order); returns how many. */
guint           dm_search_index_query         (DmSearchIndex  *self,
                                               const char     *query,
                                               GArray         *positions);

/* Where an event matches: in its title, its summary, another field, or
 * only in the quotes it cites. */
typedef enum
{
  DM_SEARCH_RANK_TITLE,
  DM_SEARCH_RANK_SUMMARY,
  DM_SEARCH_RANK_OTHER,
  DM_SEARCH_RANK_QUOTE,
  DM_SEARCH_RANK_NONE,   /* it does not match */
} DmSearchRank;

DmSearchRank    dm_search_index_rank          (DmSearchIndex  *self,
                                               guint           position,
                                               const char     *query);
/* Puts the matches of @query in @positions in order of their rank, title
 * matches first, in time order within a rank. */
void            dm_search_index_sort_by_rank  (DmSearchIndex  *self,
                                               const char     *query,
                                               GArray         *positions);

/* Whether the event at @position matches @query. */
gboolean        dm_search_index_matches       (DmSearchIndex  *self,
                                               guint           position,
                                               const char     *query);

/* Search as you type. The state remembers the last queries and their
 * matches; a query that extends one of them (its folded form starts with
 * the other's: letters typed at the end, a word added) is answered by
 * looking only at that query's matches, and going back to an earlier
 * query (Backspace) costs nothing. The results are always those of
 * dm_search_index_query(). */
typedef struct _DmSearchState DmSearchState;

DmSearchState  *dm_search_state_new           (DmSearchIndex  *index);
void            dm_search_state_free          (DmSearchState  *self);
DmSearchIndex  *dm_search_state_get_index     (DmSearchState  *self);
guint           dm_search_state_query         (DmSearchState  *self,
                                               const char     *query,
                                               GArray         *positions);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmSearchIndex, dm_search_index_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DmSearchState, dm_search_state_free)

G_END_DECLS
