// A tooltip mounted only while the pointer is over its element. An antd Tooltip per tag costs a
// component tree (trigger, motion, portal bookkeeping) whether it is shown or not; on a floor of
// a thousand cards the board keeps none of those around, and makes the one being hovered.
import { cloneElement, useState, type ReactElement, type ReactNode } from "react";
import { Tooltip } from "antd";

type Host = ReactElement<{ children?: ReactNode; onMouseEnter?: () => void; onMouseLeave?: () => void }>;

/**
 * `children` (one element, positioned: the tip points at the whole of it) with `title` as its
 * tooltip while hovered. The element stays the same element (no wrapper), so a card keeps its
 * focus and its place in the map's grid.
 */
export default function LazyTip({ title, children }: { title: ReactNode | (() => ReactNode); children: Host }) {
  const [open, setOpen] = useState(false);
  return cloneElement(children, {
    onMouseEnter: () => setOpen(true),
    onMouseLeave: () => setOpen(false),
    children: (
      <>
        {children.props.children}
        {open ? (
          <Tooltip open title={typeof title === "function" ? title() : title}>
            <span className="fd-tip-anchor" aria-hidden="true" />
          </Tooltip>
        ) : null}
      </>
    ),
  });
}
