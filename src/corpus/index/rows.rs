//! Rows: a list of lists kept in one flat vector plus row offsets. At 100,000 articles and
//! 200,000 entities the index's lists as separate vectors cost a heap allocation and a 24-byte
//! header each (about a third of the index's memory); flat, they cost two allocations in all.

use std::ops::Range;

use rayon::prelude::*;

/// Rows of `T`, row `i` being `items[starts[i]..starts[i + 1]]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rows<T> {
    /// Where each row starts, plus the end of the last: one longer than the row count.
    starts: Vec<usize>,
    items: Vec<T>,
}

impl<T> Default for Rows<T> {
    fn default() -> Rows<T> {
        Rows {
            starts: vec![0],
            items: Vec::new(),
        }
    }
}

impl<T: Copy + Default + Send + Sync> Rows<T> {
    /// Rows of the given lengths, every item `T::default()` until filled.
    #[must_use]
    pub fn with_lens(lens: impl IntoIterator<Item = usize>) -> Rows<T> {
        let mut starts = vec![0];
        let mut total = 0usize;
        for n in lens {
            total = total.saturating_add(n);
            starts.push(total);
        }
        Rows {
            starts,
            items: vec![T::default(); total],
        }
    }

    /// Every row as a mutable slice, to be filled or sorted in parallel.
    pub fn rows_mut(&mut self) -> impl IndexedParallelIterator<Item = &mut [T]> {
        let mut rest: &mut [T] = &mut self.items;
        let mut rows = Vec::with_capacity(self.starts.len().saturating_sub(1));
        for w in self.starts.windows(2) {
            let n = w[1] - w[0];
            let (row, tail) = std::mem::take(&mut rest).split_at_mut(n);
            rows.push(row);
            rest = tail;
        }
        rows.into_par_iter()
    }
}

impl<T> Rows<T> {
    /// How many rows.
    #[must_use]
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// Whether there are no rows.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row `i`, if there is one.
    #[must_use]
    pub fn get(&self, i: usize) -> Option<&[T]> {
        self.items.get(self.span(i)?)
    }

    /// Row `i` to change in place, if there is one.
    pub fn row_mut(&mut self, i: usize) -> Option<&mut [T]> {
        let span = self.span(i)?;
        self.items.get_mut(span)
    }

    /// Every row in order.
    pub fn iter(&self) -> impl Iterator<Item = &[T]> {
        self.starts
            .windows(2)
            .map(|w| self.items.get(w[0]..w[1]).unwrap_or_default())
    }

    /// Every item of every row, in row order.
    #[must_use]
    pub fn items(&self) -> &[T] {
        &self.items
    }

    /// Bytes held on the heap (capacities).
    #[must_use]
    pub fn heap_bytes(&self) -> usize {
        self.starts.capacity() * std::mem::size_of::<usize>()
            + self.items.capacity() * std::mem::size_of::<T>()
    }

    fn span(&self, i: usize) -> Option<Range<usize>> {
        Some(*self.starts.get(i)?..*self.starts.get(i.checked_add(1)?)?)
    }
}

impl<T: Clone> Rows<T> {
    /// The rows as separate vectors (for tests and comparisons).
    #[must_use]
    pub fn to_vecs(&self) -> Vec<Vec<T>> {
        self.iter().map(<[T]>::to_vec).collect()
    }
}

impl<T> std::ops::Index<usize> for Rows<T> {
    type Output = [T];

    /// Row `i`; an index past the end is an empty row rather than a panic.
    fn index(&self, i: usize) -> &[T] {
        self.get(i).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_their_lengths_and_fill_in_place() {
        let mut r: Rows<u32> = Rows::with_lens([2, 0, 3]);
        assert_eq!(r.len(), 3);
        r.rows_mut().enumerate().for_each(|(i, row)| {
            for (k, x) in row.iter_mut().enumerate() {
                *x = u32::try_from(i * 10 + k).unwrap();
            }
        });
        assert_eq!(r.to_vecs(), vec![vec![0, 1], vec![], vec![20, 21, 22]]);
        assert_eq!(&r[2], &[20, 21, 22]);
        assert_eq!(r.items(), &[0, 1, 20, 21, 22]);
        assert!(r.get(3).is_none());
        assert!(r[3].is_empty());
    }

    #[test]
    fn no_rows_is_empty() {
        let r: Rows<u32> = Rows::default();
        assert!(r.is_empty());
        assert_eq!(r.iter().count(), 0);
        assert!(Rows::<u32>::with_lens([]).is_empty());
    }
}
