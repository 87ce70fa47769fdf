//! The first of two futures to complete, without an async runtime or `futures`.

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

/// Which of the two raced futures completed first.
pub(super) enum Either<A, B> {
    Left(A),
    Right(B),
}

/// Polls `left` then `right` until one completes; the other is dropped.
pub(super) async fn race<A, B>(
    left: Pin<&mut (dyn Future<Output = A> + Send)>,
    right: Pin<&mut (dyn Future<Output = B> + Send)>,
) -> Either<A, B> {
    let (mut left, mut right) = (left, right);
    std::future::poll_fn(move |cx| {
        if let Poll::Ready(a) = left.as_mut().poll(cx) {
            return Poll::Ready(Either::Left(a));
        }
        if let Poll::Ready(b) = right.as_mut().poll(cx) {
            return Poll::Ready(Either::Right(b));
        }
        Poll::Pending
    })
    .await
}
