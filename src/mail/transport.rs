//! Where messages go: an SMTP server (lettre over rustls) or `.eml` files.

use std::path::PathBuf;

use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// Where messages go.
#[derive(Clone)]
pub enum Transport {
    /// One RFC 5322 `.eml` file per message, named after its Message-ID, written
    /// atomically (a retry rewrites the same file).
    Files(PathBuf),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

impl Transport {
    /// SMTP when a URL is given, else files in `outbox_dir`.
    pub fn from_settings(smtp_url: Option<&str>, outbox_dir: PathBuf) -> anyhow::Result<Self> {
        match smtp_url {
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?
                    .timeout(Some(std::time::Duration::from_secs(15)))
                    .build();
                Ok(Self::Smtp(transport))
            }
            None => {
                std::fs::create_dir_all(&outbox_dir)?;
                Ok(Self::Files(outbox_dir))
            }
        }
    }

    /// Sends one message. `message_id` names the file.
    pub async fn send(&self, message_id: &str, message: &Message) -> anyhow::Result<()> {
        match self {
            Self::Files(dir) => {
                let bytes = message.formatted();
                let tmp = dir.join(format!(".{message_id}.tmp"));
                let path = dir.join(format!("{message_id}.eml"));
                tokio::fs::write(&tmp, &bytes).await?;
                tokio::fs::rename(&tmp, &path).await?;
                Ok(())
            }
            Self::Smtp(transport) => {
                transport.send(message.clone()).await?;
                Ok(())
            }
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Self::Files(dir) => format!("files in {}", dir.display()),
            Self::Smtp(_) => "smtp".to_owned(),
        }
    }
}
