//! Starts a chat with Amazon Connect through the AWS SDK for Rust: region and credentials
//! from the environment, the SDK's default HTTPS client.

use aws_sdk_connect::operation::start_chat_contact::StartChatContactError;
use aws_sdk_connect::types::ParticipantDetails;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let token = runtime.block_on(start_chat("Ana"))?;
    println!("participant token: {token}");
    Ok(())
}

async fn start_chat(name: &str) -> Result<String, Box<dyn std::error::Error>> {
    let config = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
    let client = aws_sdk_connect::Client::new(&config);
    let result = client
        .start_chat_contact()
        .instance_id("12345678-aaaa-bbbb-cccc-123456789012")
        .contact_flow_id("87654321-aaaa-bbbb-cccc-210987654321")
        .participant_details(ParticipantDetails::builder().display_name(name).build()?)
        .send()
        .await;
    match result {
        Ok(output) => Ok(output.participant_token().unwrap_or_default().to_owned()),
        Err(error) => {
            if let Some(StartChatContactError::LimitExceededException(e)) =
                error.as_service_error()
            {
                println!("quota hit: {e}");
            }
            Err(error.into())
        }
    }
}
