/**
 * A handler for a button inside a tappable card: the tap is the button's alone, so the card's own
 * handler does not run too (on 办事, 在线预约 used to open the service page twice).
 */
export const ownTap =
  (fn: () => void) =>
  (e: { stopPropagation: () => void }): void => {
    e.stopPropagation();
    fn();
  };
