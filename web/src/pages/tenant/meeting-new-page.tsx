export default function MeetingNewPage() {
  return <h1>meeting-new</h1>;
}
