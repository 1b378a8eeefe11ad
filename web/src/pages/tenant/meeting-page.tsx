export default function MeetingPage() {
  return <h1>meeting</h1>;
}
