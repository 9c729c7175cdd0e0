import type { ReactNode } from "react";

export default function PageHeader({ title, subtitle, extra }: { title: ReactNode; subtitle?: ReactNode; extra?: ReactNode }) {
  return (
    <div className="fd-page-head">
      <div>
        <h1 className="fd-page-title">{title}</h1>
        {subtitle ? <div className="fd-page-sub">{subtitle}</div> : null}
      </div>
      {extra ? <div>{extra}</div> : null}
    </div>
  );
}
