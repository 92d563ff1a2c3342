//! Paginators: a paged operation becomes a stream of pages, or of items, that stops exactly where the
//! service says the list ends (a total reached, a short or empty page, no next token).

use std::future::Future;

pub use futures_core::Stream;
use futures_util::StreamExt as _;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::operation::Request;

/// Paging styles, as [`Paging::style`] names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PagingStyle {
    /// Page numbers from 1, a page size, maybe a total.
    PageNumber,
    /// An offset from 0, a limit, maybe a total.
    OffsetLimit,
    /// The last item's id as the next marker, and a limit.
    Marker,
    /// A token the response hands back.
    NextToken,
}

/// How an operation pages; paths are dotted wire names in the response body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// The style.
    pub style: PagingStyle,
    /// Path to the list of items (`Images.Image`).
    pub items: &'static str,
    /// Path to the total number of items, when the service reports it.
    pub total: Option<&'static str>,
    /// Path to the next token (next-token style).
    pub next: Option<&'static str>,
    /// The item field whose last value is the next marker (marker style).
    pub marker_field: Option<&'static str>,
}

/// Where the next page starts: a number (page, offset) or a text (marker, token).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cursor {
    /// A page number or offset.
    Number(i64),
    /// A marker or token.
    Text(String),
}

/// A request parameter that can hold a cursor.
pub trait CursorValue: Sized {
    /// The value as a cursor.
    fn to_cursor(&self) -> Cursor;
    /// The value of a cursor, when it fits the parameter.
    fn from_cursor(cursor: Cursor) -> Option<Self>;
}

impl CursorValue for i32 {
    fn to_cursor(&self) -> Cursor {
        Cursor::Number(i64::from(*self))
    }
    fn from_cursor(cursor: Cursor) -> Option<Self> {
        match cursor {
            Cursor::Number(n) => i32::try_from(n).ok(),
            Cursor::Text(_) => None,
        }
    }
}

impl CursorValue for i64 {
    fn to_cursor(&self) -> Cursor {
        Cursor::Number(*self)
    }
    fn from_cursor(cursor: Cursor) -> Option<Self> {
        match cursor {
            Cursor::Number(n) => Some(n),
            Cursor::Text(_) => None,
        }
    }
}

impl CursorValue for String {
    fn to_cursor(&self) -> Cursor {
        Cursor::Text(self.clone())
    }
    fn from_cursor(cursor: Cursor) -> Option<Self> {
        match cursor {
            Cursor::Text(text) => Some(text),
            Cursor::Number(n) => Some(n.to_string()),
        }
    }
}

/// A request of a paged operation; generated for each operation with a `pagination` block.
pub trait Paginated: Request + Clone {
    /// How the operation pages.
    const PAGING: Paging;
    /// The request's page, offset, marker or token, when set.
    fn cursor(&self) -> Option<Cursor>;
    /// The same request for another page.
    fn with_cursor(self, cursor: Cursor) -> Self;
    /// The page size or limit the request asks for, when set.
    fn page_size(&self) -> Option<i64>;
}

/// The value at a dotted wire path (`Images.Image.0.Status`); a number picks a list item.
pub fn value_at<'v>(value: &'v serde_json::Value, path: &str) -> Option<&'v serde_json::Value> {
    path.split('.').try_fold(value, |current, segment| match current {
        serde_json::Value::Array(items) => items.get(segment.parse::<usize>().ok()?),
        other => other.get(segment),
    })
}

/// What the paginator reads off one page.
#[derive(Debug, Default)]
struct PageFacts {
    items: i64,
    total: Option<i64>,
    next: Option<String>,
    last_marker: Option<String>,
}

fn facts(paging: &Paging, page: &serde_json::Value) -> PageFacts {
    let items = value_at(page, paging.items).and_then(serde_json::Value::as_array);
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    PageFacts {
        items: items.map_or(0, |list| list.len() as i64),
        total: paging.total.and_then(|path| value_at(page, path)).and_then(serde_json::Value::as_i64),
        next: paging.next.and_then(|path| value_at(page, path)).and_then(text).filter(|t| !t.is_empty()),
        last_marker: paging
            .marker_field
            .and_then(|field| items.and_then(|list| list.last()).and_then(|item| item.get(field)))
            .and_then(text),
    }
}

/// The request for the page after `request`, or `None` where the list ends. `seen` counts the items of
/// every page so far, this one included.
fn next_request<R: Paginated>(request: R, page: &PageFacts, seen: i64) -> Option<R> {
    let paging = R::PAGING;
    // The total, when the service reports it, is the end; a short page ends the list only without one
    // (services may cap a page below the size asked for).
    let number = match request.cursor() {
        Some(Cursor::Number(n)) => Some(n),
        _ => None,
    };
    let done = match (paging.style, page.total, request.page_size()) {
        (PagingStyle::OffsetLimit, Some(total), _) => number.unwrap_or(0) + page.items >= total,
        (PagingStyle::PageNumber, Some(total), Some(size)) => (number.unwrap_or(1) - 1) * size + page.items >= total,
        (_, Some(total), _) => seen >= total,
        (_, None, size) => size.is_some_and(|size| page.items < size),
    };
    let cursor = match paging.style {
        _ if page.items == 0 && paging.style != PagingStyle::NextToken => return None,
        PagingStyle::NextToken => Cursor::Text(page.next.clone()?),
        _ if done => return None,
        PagingStyle::PageNumber => {
            let current = match request.cursor() {
                Some(Cursor::Number(n)) => n,
                _ => 1,
            };
            Cursor::Number(current + 1)
        }
        PagingStyle::OffsetLimit => {
            let current = match request.cursor() {
                Some(Cursor::Number(n)) => n,
                _ => 0,
            };
            Cursor::Number(current + page.items)
        }
        PagingStyle::Marker => Cursor::Text(page.last_marker.clone()?),
    };
    // A service that hands back the cursor it was given would loop forever: stop instead.
    if request.cursor().as_ref() == Some(&cursor) {
        return None;
    }
    Some(request.with_cursor(cursor))
}

/// Every page of a paged operation, from `first` on: `call` sends one request (a generated client's
/// method). The stream ends after the last page, or after the first error.
pub fn pages<R, F, Fut>(first: R, call: F) -> impl Stream<Item = Result<R::Output, Error<R::ErrorResponse>>>
where
    R: Paginated,
    R::Output: Serialize,
    F: FnMut(R) -> Fut,
    Fut: Future<Output = Result<R::Output, Error<R::ErrorResponse>>>,
{
    futures_util::stream::unfold((Some(first), call, 0i64), |(next, mut call, seen)| async move {
        let request = next?;
        match call(request.clone()).await {
            Err(error) => Some((Err(error), (None, call, seen))),
            Ok(output) => {
                let page = serde_json::to_value(&output).map(|v| facts(&R::PAGING, &v)).unwrap_or_default();
                let seen = seen + page.items;
                let next = next_request(request, &page, seen);
                Some((Ok(output), (next, call, seen)))
            }
        }
    })
}

/// Every item of every page. An item that does not decode as `T` ends the stream with the error a
/// page would give; pages that fail end it too.
pub fn items<R, T>(
    pages: impl Stream<Item = Result<R::Output, Error<R::ErrorResponse>>>,
) -> impl Stream<Item = Result<T, Error<R::ErrorResponse>>>
where
    R: Paginated,
    R::Output: Serialize,
    T: DeserializeOwned,
{
    pages.flat_map(|page| {
        let items: Vec<Result<T, Error<R::ErrorResponse>>> = match page {
            Err(error) => vec![Err(error)],
            Ok(output) => {
                let value = serde_json::to_value(&output).unwrap_or_default();
                let list = value_at(&value, R::PAGING.items)
                    .and_then(serde_json::Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                list.into_iter()
                    .map(|item| {
                        serde_json::from_value(item).map_err(|e| Error::Transport(crate::error::TransportError::new(e)))
                    })
                    .collect()
            }
        };
        futures_util::stream::iter(items)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::constraints::{Validate, Violations};
    use crate::operation::{ErrorResponse, OperationInfo, Request, SourcePage};
    use crate::query::{BoolText, Query};

    /// A request of any paging style: the cursor and size it carries.
    #[derive(Debug, Clone, PartialEq)]
    struct Page<const STYLE: u8> {
        cursor: Option<Cursor>,
        size: Option<i64>,
    }

    struct NoErrors;

    impl ErrorResponse for NoErrors {
        fn from_response(_: u16, _: &[u8]) -> Option<Self> {
            None
        }
    }

    const INFO: OperationInfo = OperationInfo {
        name: "List",
        method: "GET",
        path_template: "/",
        content_type: None,
        parameters: &[],
        success_statuses: &[200],
        auth: &[],
        idempotent: false,
        api_version: None,
        source: SourcePage { title: "", url: None, page: "", updated: None },
    };

    impl<const STYLE: u8> Validate for Page<STYLE> {
        fn validate_into(&self, _: &str, _: &mut Violations) {}
    }

    impl<const STYLE: u8> Request for Page<STYLE> {
        const INFO: &'static OperationInfo = &INFO;
        type Body = ();
        type Output = serde_json::Value;
        type ErrorResponse = NoErrors;
        fn validate(&self) -> Result<(), crate::ValidationError> {
            Ok(())
        }
        fn path_params(&self) -> Vec<(&'static str, String)> {
            Vec::new()
        }
        fn query_params(&self) -> Query {
            Query::new(BoolText::Lowercase)
        }
        fn header_params(&self) -> Vec<(&'static str, String)> {
            Vec::new()
        }
        fn body(&self) -> Option<&()> {
            None
        }
    }

    impl<const STYLE: u8> Paginated for Page<STYLE> {
        const PAGING: Paging = Paging {
            style: match STYLE {
                0 => PagingStyle::PageNumber,
                1 => PagingStyle::OffsetLimit,
                2 => PagingStyle::Marker,
                _ => PagingStyle::NextToken,
            },
            items: "items",
            total: Some("total"),
            next: Some("next"),
            marker_field: Some("id"),
        };
        fn cursor(&self) -> Option<Cursor> {
            self.cursor.clone()
        }
        fn with_cursor(mut self, cursor: Cursor) -> Self {
            self.cursor = Some(cursor);
            self
        }
        fn page_size(&self) -> Option<i64> {
            self.size
        }
    }

    fn facts_of(page: serde_json::Value, paging: &Paging) -> PageFacts {
        facts(paging, &page)
    }

    #[test]
    fn offset_limit_moves_by_the_items_seen_and_stops_at_a_short_page() {
        let first = Page::<1> { cursor: None, size: Some(2) };
        let page = facts_of(serde_json::json!({"items": [{"id": "a"}, {"id": "b"}]}), &Page::<1>::PAGING);
        let second = next_request(first, &page, 2).unwrap();
        assert_eq!(second.cursor, Some(Cursor::Number(2)));
        let short = facts_of(serde_json::json!({"items": [{"id": "c"}]}), &Page::<1>::PAGING);
        assert_eq!(next_request(second, &short, 3), None);
    }

    #[test]
    fn marker_paging_continues_from_the_last_items_id() {
        let first = Page::<2> { cursor: None, size: Some(2) };
        let page = facts_of(serde_json::json!({"items": [{"id": "a"}, {"id": "b"}]}), &Page::<2>::PAGING);
        assert_eq!(next_request(first, &page, 2).unwrap().cursor, Some(Cursor::Text("b".into())));
        let empty = facts_of(serde_json::json!({"items": []}), &Page::<2>::PAGING);
        assert_eq!(next_request(Page::<2> { cursor: None, size: None }, &empty, 2), None);
    }

    #[test]
    fn next_token_paging_stops_when_the_token_is_gone_or_empty() {
        let first = Page::<3> { cursor: None, size: None };
        let page = facts_of(serde_json::json!({"items": [], "next": "t2"}), &Page::<3>::PAGING);
        assert_eq!(next_request(first.clone(), &page, 0).unwrap().cursor, Some(Cursor::Text("t2".into())));
        let last = facts_of(serde_json::json!({"items": [1], "next": ""}), &Page::<3>::PAGING);
        assert_eq!(next_request(first, &last, 1), None);
    }

    #[test]
    fn page_numbers_count_up_until_the_total_is_reached() {
        let first = Page::<0> { cursor: Some(Cursor::Number(1)), size: Some(2) };
        let page = facts_of(serde_json::json!({"items": [1, 2], "total": 4}), &Page::<0>::PAGING);
        let second = next_request(first, &page, 2).unwrap();
        assert_eq!(second.cursor, Some(Cursor::Number(2)));
        assert_eq!(next_request(second, &page, 4), None, "4 of 4 seen");
    }
}
