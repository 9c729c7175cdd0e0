// Placeholder until the page lands.
export default function MeetingsPage() {
  return <div data-testid="meetings-page" />;
}
