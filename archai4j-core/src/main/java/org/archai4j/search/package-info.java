/**
 * The search as a state machine and its results: {@link org.archai4j.search.Searcher} (ask, tell, search), {@link
 * org.archai4j.search.Candidate}, {@link org.archai4j.search.Limits}, {@link org.archai4j.search.SearchListener}
 * events and {@link org.archai4j.search.SearchResults}.
 */
package org.archai4j.search;
